package org.gdxhub.exchange.internal;

import org.gdxhub.exchange.ExchangeProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.micrometer.core.instrument.MeterRegistry;

/** Binds {@code hub.exchange.*}; the lookup admission filter; request mapping that checks paths first. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class ExchangeConfiguration {

  /** Spring Security's filter chain is registered at order -100; admission comes before it. */
  static final int ADMISSION_FILTER_ORDER = -110;

  @Bean
  WebMvcRegistrations pathFirstRequestMapping() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathFirstRequestMappingHandlerMapping();
      }
    };
  }

  @Bean
  FilterRegistrationBean<LookupAdmissionFilter> lookupAdmissionFilter(ExchangeProperties properties,
      MeterRegistry meters) {
    var registration = new FilterRegistrationBean<>(new LookupAdmissionFilter(properties.admission(), meters));
    registration.addUrlPatterns("/api/v1/exchange/*");
    registration.setOrder(ADMISSION_FILTER_ORDER);
    registration.setEnabled(properties.admission().enabled());
    registration.setName("lookupAdmissionFilter");
    return registration;
  }
}
