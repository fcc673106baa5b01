package org.gdxhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.gdxhub.common.HubException;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.SecretsBackend;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.gdxhub.security.SubjectPseudonymizer;
import org.junit.jupiter.api.Test;

/** What every secrets backend must do: the keystore passes it always, Vault where a server runs. */
abstract class SecretsBackendContract {

  abstract SecretsBackend backend();

  abstract SigningService signing();

  final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void hmacKeysAreStableVersionedAndRotate() {
    String key = "contract-hmac-" + suffix;
    SecretsBackend backend = backend();
    int v1 = backend.currentKeyVersion(key);
    byte[] data = "citizen_id\u00001005662330474".getBytes(StandardCharsets.UTF_8);
    byte[] first = backend.hmac(key, v1, data);
    assertThat(first).hasSize(32).isEqualTo(backend.hmac(key, v1, data));

    int v2 = backend.rotateKey(key);
    assertThat(v2).isGreaterThan(v1);
    assertThat(backend.currentKeyVersion(key)).isEqualTo(v2);
    assertThat(backend.keyVersions(key)).contains(v1, v2);
    assertThat(backend.hmac(key, v2, data)).isNotEqualTo(first);
    assertThat(backend.hmac(key, v1, data)).as("old versions stay usable").isEqualTo(first);
  }

  @Test
  void aRotatedPseudonymizerKeepsOldPseudonymsFindable() {
    var pseudonymizer = new SubjectPseudonymizer(backend(), null);
    String before = pseudonymizer.pseudonym("citizen_id", "1005662330474");
    pseudonymizer.rotate("test/operator");
    String after = pseudonymizer.pseudonym("citizen_id", "1005662330474");
    assertThat(after).isNotEqualTo(before).hasSize(64);
    assertThat(pseudonymizer.pseudonyms("citizen_id", "1005662330474")).startsWith(after).contains(before);
    assertThat(pseudonymizer.pseudonym("juristic_id", "1005662330474")).isNotEqualTo(after);
  }

  @Test
  void encryptsClearIdsAtRestAndDetectsTampering() {
    String key = "contract-enc-" + suffix;
    byte[] clear = "1005662330474".getBytes(StandardCharsets.UTF_8);
    String sealed = backend().encrypt(key, clear);
    assertThat(sealed).doesNotContain("1005662330474").isNotEqualTo(backend().encrypt(key, clear));
    assertThat(backend().decrypt(key, sealed)).isEqualTo(clear);
    String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertThatThrownBy(() -> backend().decrypt(key, tampered)).isInstanceOf(HubException.class);
  }

  @Test
  void storesAndReadsSecrets() {
    String name = "contract-secret-" + suffix;
    assertThat(backend().readSecret(name)).isEmpty();
    backend().writeSecret(name, Map.of("username", "gdx", "password", "s3cret"));
    assertThat(backend().readSecret(name)).hasValue(Map.of("username", "gdx", "password", "s3cret"));
  }

  @Test
  void signaturesVerifyWithThePublishedCertificate() {
    String key = "contract-sign-" + suffix;
    byte[] data = "checkpoint 1000".getBytes(StandardCharsets.UTF_8);
    DetachedSignature signature = signing().sign(key, data);
    var certificate = signing().certificate(key);
    assertThat(signature.keyId()).isEqualTo(Signatures.keyId(certificate));
    assertThat(Signatures.verify(certificate, signature.algorithm(), data, signature.value())).isTrue();
    assertThat(Signatures.verify(certificate, signature.algorithm(), "other".getBytes(), signature.value())).isFalse();
    assertThat(Signatures.keyId(signing().certificate(key))).isEqualTo(signature.keyId());
  }
}
