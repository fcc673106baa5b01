package org.gdxhub.security.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.gdxhub.security.OfficerRateLimiter;
import org.gdxhub.security.SecretsBackend;
import org.gdxhub.security.SecurityProperties;
import org.gdxhub.security.SigningService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

  /** The keystore alias of the first pseudonymisation key (version 1 of {@link SubjectPseudonymizer#KEY_NAME}). */
  static final String PSEUDONYM_KEY_ALIAS = "subject-pseudonym-v1";

  @Bean
  LocalKeystore localKeystore(SecurityProperties properties) {
    return new LocalKeystore(Path.of(properties.keystorePath()), properties.keystorePassword());
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.secrets.backend", havingValue = "keystore", matchIfMissing = true)
  SecretsBackend keystoreSecretsBackend(LocalKeystore keystore) {
    return new KeystoreSecretsBackend(keystore);
  }

  @Bean
  @ConditionalOnProperty(name = "hub.security.secrets.backend", havingValue = "keystore", matchIfMissing = true)
  SigningService signingService(LocalKeystore keystore) {
    return new KeystoreSigningService(keystore);
  }

  @Bean
  SubjectPseudonymizer subjectPseudonymizer(SecretsBackend secrets, ApplicationEventPublisher events) {
    return new SubjectPseudonymizer(secrets, events);
  }

  @Bean
  OfficerRateLimiter officerRateLimiter(SecurityProperties properties) {
    return new Resilience4jOfficerRateLimiter(properties.rateLimit().lookupsPerMinute(), Duration.ofMinutes(1));
  }
}
