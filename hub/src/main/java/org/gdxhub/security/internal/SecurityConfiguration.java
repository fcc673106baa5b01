package org.gdxhub.security.internal;

import java.nio.file.Path;

import org.gdxhub.security.SecurityProperties;
import org.gdxhub.security.SigningService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

  static final String PSEUDONYM_KEY_ALIAS = "subject-pseudonym-v1";

  @Bean
  LocalKeystore localKeystore(SecurityProperties properties) {
    return new LocalKeystore(Path.of(properties.keystorePath()), properties.keystorePassword());
  }

  @Bean
  SigningService signingService(LocalKeystore keystore) {
    return new KeystoreSigningService(keystore);
  }

  @Bean
  SubjectPseudonymizer subjectPseudonymizer(LocalKeystore keystore) {
    return new SubjectPseudonymizer(keystore.hmacKey(PSEUDONYM_KEY_ALIAS));
  }
}
