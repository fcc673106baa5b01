package org.gdxhub.console.internal;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's web setup: Thai and English messages, the language chosen by {@code ?lang=th|en}
 * and kept in a cookie (Thai by default), and the static assets under {@code /console/assets}
 * (the console's own files and the htmx and Chart.js webjars) — nothing is loaded from a CDN.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

  static final Locale THAI = Locale.forLanguageTag("th");
  static final String LANGUAGE_COOKIE = "gdx-console-lang";

  @Bean
  MessageSource messageSource() {
    var messages = new ResourceBundleMessageSource();
    messages.setBasename("console/messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  @Bean
  LocaleResolver localeResolver() {
    var resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
    resolver.setDefaultLocale(THAI);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookiePath("/console");
    resolver.setCookieHttpOnly(true);
    resolver.setCookieSameSite("Lax");
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    var change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/console/assets/lib/**")
        .addResourceLocations("classpath:/META-INF/resources/webjars/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)));
    // The Thai font the archive's PDFs embed, so that Thai renders the same on any browser.
    registry.addResourceHandler("/console/assets/fonts/**")
        .addResourceLocations("classpath:/fonts/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(7)));
    registry.addResourceHandler("/console/assets/**")
        .addResourceLocations("classpath:/console/assets/")
        .setCacheControl(CacheControl.noCache());
  }
}
