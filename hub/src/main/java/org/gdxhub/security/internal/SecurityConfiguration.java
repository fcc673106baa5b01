package org.gdxhub.security.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.gdxhub.connectors.CredentialsProvider;
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
import org.springframework.context.annotation.Primary;

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

  /** Production backend: HashiCorp Vault (Transit keys and signing, KV v2 secrets and connector credentials). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "hub.security.secrets.backend", havingValue = "vault")
  static class VaultBackend {

    @Bean(destroyMethod = "close")
    VaultSecretsBackend vaultSecretsBackend(SecurityProperties properties) {
      return new VaultSecretsBackend(properties.secrets().vault());
    }

    @Bean
    SigningService vaultSigningService(VaultSecretsBackend vault) {
      return new VaultSigningService(vault);
    }

    /** Replaces the connectors' embedded credentials store. */
    @Bean
    @Primary
    CredentialsProvider vaultCredentialsProvider(VaultSecretsBackend vault) {
      return new VaultCredentialsProvider(vault);
    }
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
