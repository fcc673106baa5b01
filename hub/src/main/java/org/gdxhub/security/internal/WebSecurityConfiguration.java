package org.gdxhub.security.internal;

import static org.gdxhub.security.Roles.AUDITOR;
import static org.gdxhub.security.Roles.COMMITTEE;
import static org.gdxhub.security.Roles.CONSUMER_OFFICER;
import static org.gdxhub.security.Roles.OPERATOR;
import static org.gdxhub.security.Roles.OWNER_STEWARD;
import static org.gdxhub.security.Roles.POLICY_READER;
import static org.gdxhub.security.Roles.UNIT_HEAD;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.Roles;
import org.gdxhub.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what (ADR 0010). Every request is authenticated by a JWT bearer token (the
 * local issuer's or an external IdP's) or an API key, except the few public endpoints; every
 * endpoint names the roles that may call it, and anything not listed is denied. Agency
 * binding (an officer of A never acts for B) follows from the identity coming only from the
 * token: the services check ownership against {@code CallerIdentity.agency()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class WebSecurityConfiguration {

  private static final String[] ANY_ROLE = Roles.ALL.toArray(String[]::new);
  private static final String[] CATALOG_READERS = {OWNER_STEWARD, CONSUMER_OFFICER, UNIT_HEAD, COMMITTEE, AUDITOR,
      OPERATOR};
  private static final String[] CONSUMERS = {CONSUMER_OFFICER, UNIT_HEAD};
  private static final String[] LEDGER_READERS = {COMMITTEE, AUDITOR};
  private static final String[] LEDGER_SEARCHERS = {COMMITTEE, AUDITOR, UNIT_HEAD};

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ApiKeyService apiKeys,
      Converter<Jwt, AbstractAuthenticationToken> jwtConverter, SecurityProperties properties) throws Exception {
    var problems = new ProblemResponses();
    if (!properties.clientCertificates().isEmpty()) {
      http.addFilterBefore(new ClientCertificateAuthenticationFilter(properties.clientCertificates()),
          BearerTokenAuthenticationFilter.class);
    }
    http
        // A stateless API: bearer tokens and API keys, no cookies, so no CSRF exposure. A
        // browser console with a session must add CSRF protection to its own chain.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .headers(h -> h
            .contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'"))
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .oauth2ResourceServer(o -> o
            .bearerTokenResolver(new HeaderBearerTokenResolver())
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems)
            .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter)))
        .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(new CallerIdentityFilter(), AuthorizationFilter.class)
        .authorizeHttpRequests(a -> a
            // Public: health, getting a token, the issuer's keys, the archive's public verify page.
            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
            // The OpenAPI description (springdoc), for clients and API fuzzing (bin/check-api).
            .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/v1/auth/jwks", "/.well-known/jwks.json").permitAll()
            .requestMatchers("/verify", "/verify/**", "/archive/verify", "/archive/verify/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/archive/verify").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/v1/archive/certificate").permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers(HttpMethod.GET, "/api/v1/auth/me").hasAnyRole(ANY_ROLE)

            // Catalog
            .requestMatchers(HttpMethod.GET, "/api/v1/agencies", "/api/v1/datasets", "/api/v1/datasets/*")
            .hasAnyRole(CATALOG_READERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/agencies").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/v1/datasets", "/api/v1/datasets/*/publish",
                "/api/v1/datasets/*/retire").hasRole(OWNER_STEWARD)
            .requestMatchers(HttpMethod.PUT, "/api/v1/datasets/*").hasRole(OWNER_STEWARD)
            .requestMatchers(HttpMethod.GET, "/api/v1/access-requests", "/api/v1/access-requests/*",
                "/api/v1/agreements", "/api/v1/agreements/*").hasAnyRole(CATALOG_READERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/access-requests").hasAnyRole(CONSUMERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/access-requests/*/approve", "/api/v1/access-requests/*/reject",
                "/api/v1/agreements/*/amend", "/api/v1/agreements/*/suspend", "/api/v1/agreements/*/reinstate",
                "/api/v1/agreements/*/revoke").hasRole(OWNER_STEWARD)

            // Exchange, and governed subscriptions to change events (scoped to the caller's agency and unit)
            .requestMatchers(HttpMethod.POST, "/api/v1/exchange/*/lookup").hasAnyRole(CONSUMERS)
            .requestMatchers("/api/v1/subscriptions", "/api/v1/subscriptions/**").hasAnyRole(CONSUMERS)

            // Ledger search, statistics, anomalies, index
            .requestMatchers(HttpMethod.GET, "/api/v1/ledger/search").hasAnyRole(LEDGER_SEARCHERS)
            .requestMatchers(HttpMethod.POST, "/api/v1/ledger/search").hasAnyRole(LEDGER_SEARCHERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/ledger/statistics", "/api/v1/ledger/statistics/*",
                "/api/v1/ledger/anomalies").hasAnyRole(LEDGER_READERS)
            .requestMatchers(HttpMethod.GET, "/api/v1/ledger/index", "/api/v1/ledger/index/reindex")
            .hasAnyRole(COMMITTEE, AUDITOR, OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/v1/ledger/index/reindex").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/ledger/admin-audit", "/api/v1/ledger/admin-audit/verify")
            .hasAnyRole(LEDGER_READERS)
            // Ledger audit: entries, verification, checkpoints, certificate, export
            .requestMatchers(HttpMethod.POST, "/api/v1/ledger/checkpoints").hasAnyRole(COMMITTEE, AUDITOR, OPERATOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/ledger", "/api/v1/ledger/verify", "/api/v1/ledger/export",
                "/api/v1/ledger/checkpoints", "/api/v1/ledger/certificate", "/api/v1/ledger/*")
            .hasAnyRole(LEDGER_READERS)

            // Governance and policy
            .requestMatchers(HttpMethod.POST, "/api/v1/governance/policy-replay").hasRole(COMMITTEE)
            .requestMatchers(HttpMethod.GET, "/api/v1/policy/bundles/*").hasAnyRole(POLICY_READER, OPERATOR)

            // Security administration and alerts
            .requestMatchers("/api/v1/security/api-keys", "/api/v1/security/api-keys/*").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.POST, "/api/v1/security/pseudonym-keys/rotate").hasRole(OPERATOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/security/pseudonym-keys").hasAnyRole(OPERATOR, AUDITOR)
            .requestMatchers(HttpMethod.GET, "/api/v1/governance/alerts").hasAnyRole(COMMITTEE, AUDITOR, OPERATOR)

            // The document archive (issue 6) checks its roles on CallerIdentity in its controllers.
            .requestMatchers("/api/v1/archive/**").authenticated()
            .requestMatchers(HttpMethod.GET, "/actuator/**").hasRole(OPERATOR)
            .anyRequest().denyAll());
    return http.build();
  }

  /**
   * No Spring Security observations. With an observation registry present (Actuator), Spring
   * Security wraps each of its filters, the authentication and the authorization in an
   * observation of its own; a lookup profile spent about 4 % of the hub's CPU there. Requests
   * stay measured by {@code http.server.requests}.
   */
  @Bean
  SecurityObservationSettings noSpringSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  ApiKeyService apiKeyService(JdbcClient jdbc, SecurityProperties properties, ApplicationEventPublisher events,
      Clock clock) {
    return new ApiKeyService(new JdbcApiKeyStore(jdbc), properties, events, clock);
  }

  /**
   * Claims → caller: agency, unit, officer (else {@code sub}) and the known roles. A class, not a
   * lambda: Camel's conversion service collects Converter beans and needs their type arguments.
   */
  @Bean
  Converter<Jwt, AbstractAuthenticationToken> jwtCallerConverter(SecurityProperties properties) {
    return new JwtCallerConverter(properties.claims());
  }

  static final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Claims names;

    JwtCallerConverter(SecurityProperties.Claims names) {
      this.names = names;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
      Object rolesClaim = jwt.getClaims().get(names.roles());
      Collection<?> values = rolesClaim instanceof Collection<?> c ? c
          : rolesClaim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
      String officer = jwt.getClaimAsString(names.officer());
      var caller = new CallerIdentity(jwt.getClaimAsString(names.agency()), jwt.getClaimAsString(names.unit()),
          officer == null ? jwt.getSubject() : officer, new HashSet<>(CallerAuthentication.knownRoles(values)));
      return new CallerAuthentication(caller, "jwt");
    }
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.local-issuer.enabled", havingValue = "true", matchIfMissing = true)
  LocalTokenIssuer localTokenIssuer(LocalKeystore keystore, SecurityProperties properties, Clock clock) {
    return new LocalTokenIssuer(keystore, properties, clock);
  }

  /** With the local issuer on, tokens are verified against its key; else Spring Boot's decoder (issuer-uri) is used. */
  @Bean
  @ConditionalOnProperty(name = "hub.security.local-issuer.enabled", havingValue = "true", matchIfMissing = true)
  JwtDecoder localJwtDecoder(LocalTokenIssuer issuer, Clock clock) {
    // Verified tokens are remembered until they expire (issue #9, ADR 0015).
    return new VerifiedTokenCache(issuer.decoder(), clock, 10_000);
  }

}
