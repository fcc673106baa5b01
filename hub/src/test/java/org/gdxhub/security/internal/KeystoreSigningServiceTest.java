package org.gdxhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;

import javax.crypto.SecretKey;

import org.gdxhub.common.HubException;
import org.gdxhub.security.DetachedSignature;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SigningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreSigningServiceTest {

  static final byte[] DATA = "gdx-hub-ledger-checkpoint/v1\n1000\nabc\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void createsAnEcP256KeyWithASelfSignedCertificateOnFirstUse() throws Exception {
    SigningService signing = new KeystoreSigningService(new LocalKeystore(dir.resolve("keys.p12"), "pw"));
    X509Certificate certificate = signing.certificate("ledger-checkpoint");

    assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=GDX Hub ledger-checkpoint");
    certificate.verify(certificate.getPublicKey()); // self-signed
    certificate.checkValidity();
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1); // not a CA
    assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
  }

  @Test
  void signaturesVerifyOfflineWithTheExportedPemCertificate() {
    SigningService signing = new KeystoreSigningService(new LocalKeystore(dir.resolve("keys.p12"), "pw"));
    DetachedSignature signature = signing.sign("ledger-checkpoint", DATA);
    X509Certificate published = Signatures.fromPem(Signatures.toPem(signing.certificate("ledger-checkpoint"))).getFirst();

    assertThat(signature.algorithm()).isEqualTo("SHA256withECDSA");
    assertThat(signature.keyId()).isEqualTo(Signatures.keyId(published)).hasSize(64);
    assertThat(Signatures.verify(published, signature.algorithm(), DATA, signature.value())).isTrue();

    byte[] other = DATA.clone();
    other[other.length - 2] ^= 1;
    assertThat(Signatures.verify(published, signature.algorithm(), other, signature.value())).isFalse();
    assertThat(Signatures.verify(published, signature.algorithm(), DATA, new byte[] {1, 2, 3})).isFalse();
  }

  @Test
  void keepsTheSameKeyAcrossRestartsAndBesideTheHmacKeys() {
    Path file = dir.resolve("keys.p12");
    LocalKeystore first = new LocalKeystore(file, "pw");
    SecretKey hmac = first.hmacKey("subject-pseudonym-v1");
    String keyId = new KeystoreSigningService(first).sign("ledger-checkpoint", DATA).keyId();

    LocalKeystore reopened = new LocalKeystore(file, "pw");
    SigningService again = new KeystoreSigningService(reopened);
    assertThat(again.sign("ledger-checkpoint", DATA).keyId()).isEqualTo(keyId);
    assertThat(reopened.hmacKey("subject-pseudonym-v1").getEncoded()).isEqualTo(hmac.getEncoded());
    assertThat(Signatures.verify(again.certificate("ledger-checkpoint"), "SHA256withECDSA", DATA,
        SigningService.localKeystore(file, "pw").sign("ledger-checkpoint", DATA).value())).isTrue();
  }

  @Test
  void eachKeyNameIsItsOwnKey() {
    SigningService signing = new KeystoreSigningService(new LocalKeystore(dir.resolve("keys.p12"), "pw"));
    assertThat(signing.sign("ledger-checkpoint", DATA).keyId()).isNotEqualTo(signing.sign("pdf-extract", DATA).keyId());
    assertThatThrownBy(() -> signing.sign("../etc", DATA)).isInstanceOf(HubException.class);
  }
}
