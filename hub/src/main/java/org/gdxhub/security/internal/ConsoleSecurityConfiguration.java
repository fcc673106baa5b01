package org.gdxhub.security.internal;

import static org.gdxhub.security.Roles.AUDITOR;
import static org.gdxhub.security.Roles.COMMITTEE;
import static org.gdxhub.security.Roles.CONSUMER_OFFICER;
import static org.gdxhub.security.Roles.OWNER_STEWARD;
import static org.gdxhub.security.Roles.UNIT_HEAD;

import java.util.HashSet;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The governance console's own filter chain (ADR 0013), ahead of the stateless API chain: a
 * browser session started by a sign-in form, CSRF protection on (htmx sends the token in a
 * header), the same {@link CallerIdentity} and roles as the API, a role check per page area.
 * Sign-in is for the local issuer's demo users ({@code hub.security.demo-users}), like
 * {@code POST /api/v1/auth/token}: no password, demo only. With an external IdP the console
 * would sign in through it (not built yet).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

  /** Session attribute and form names the console's pages and tests rely on. */
  static final String LOGIN_PAGE = "/console/login";

  @Bean
  @Order(1)
  SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, SecurityProperties properties) throws Exception {
    http
        .securityMatcher("/console", "/console/**")
        .authenticationManager(new ProviderManager(new DemoUserProvider(properties)))
        .formLogin(f -> f.loginPage(LOGIN_PAGE).loginProcessingUrl(LOGIN_PAGE)
            .defaultSuccessUrl("/console", true).failureUrl(LOGIN_PAGE + "?error").permitAll())
        .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
        .httpBasic(b -> b.disable())
        .headers(h -> h
            // Scripts, styles and images only from the hub itself: no CDN, no inline script.
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; "
                + "base-uri 'self'; form-action 'self'"))
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
            .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)))
        .exceptionHandling(e -> e.accessDeniedPage("/console/denied"))
        .addFilterAfter(new CallerIdentityFilter(), AuthorizationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/console/assets/**").permitAll()
            .requestMatchers("/console/owner/**").hasRole(OWNER_STEWARD)
            .requestMatchers("/console/agency/usage", "/console/agency/usage/**").hasRole(UNIT_HEAD)
            .requestMatchers("/console/agency/**").hasAnyRole(CONSUMER_OFFICER, UNIT_HEAD)
            .requestMatchers(HttpMethod.POST, "/console/committee/replay").hasRole(COMMITTEE)
            .requestMatchers("/console/committee/**").hasAnyRole(COMMITTEE, AUDITOR)
            .requestMatchers("/console", "/console/denied").authenticated()
            .anyRequest().denyAll());
    return http.build();
  }

  /** A demo user of the local issuer signs in by name; the session then holds the same caller a token would. */
  static final class DemoUserProvider implements AuthenticationProvider {

    private final SecurityProperties properties;

    DemoUserProvider(SecurityProperties properties) {
      this.properties = properties;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
      SecurityProperties.DemoUser user = properties.localIssuer().enabled()
          ? properties.demoUsers().get(authentication.getName()) : null;
      if (user == null) {
        throw new BadCredentialsException("unknown demo user");
      }
      return new CallerAuthentication(new CallerIdentity(user.agency(), user.unit(), user.officer(),
          new HashSet<>(CallerAuthentication.knownRoles(user.roles()))), "console");
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
  }
}
