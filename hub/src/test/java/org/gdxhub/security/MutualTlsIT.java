package org.gdxhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Optional mutual TLS for agency systems, on a real TLS listener: a registered client
 * certificate signed by the trusted agency CA acts for its agency and unit (and is ledgered
 * under its CN); a CA-signed certificate that is not registered gets 401; a certificate from an
 * unknown CA never completes the handshake; no certificate falls back to bearer tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MutualTlsIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final char[] PASSWORD = "changeit".toCharArray();
  static final String SYSTEM_SUBJECT = "CN=welfare-system,OU=registration,O=" + DemoData.CONSUMER;

  static Path dir;
  static KeyPair caKeys;
  static X509Certificate ca;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws Exception {
    dir = Files.createTempDirectory("gdx-hub-mtls-");
    caKeys = keys();
    ca = certificate("CN=Agency CA", caKeys, "CN=Agency CA", caKeys.getPrivate(), true);
    KeyPair serverKeys = keys();
    store(dir.resolve("server.p12"), "hub", serverKeys.getPrivate(),
        certificate("CN=localhost", serverKeys, "CN=Agency CA", caKeys.getPrivate(), false), ca);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("agency-ca", ca);
    try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
      trust.store(out, PASSWORD);
    }
    String dataDir = dir.resolve("data").toString();
    properties.add("hub.data-dir", () -> dataDir);
    properties.add("server.ssl.enabled", () -> "true");
    properties.add("server.ssl.key-store", () -> dir.resolve("server.p12").toUri().toString());
    properties.add("server.ssl.key-store-password", () -> "changeit");
    properties.add("server.ssl.key-store-type", () -> "PKCS12");
    properties.add("server.ssl.client-auth", () -> "want");
    properties.add("server.ssl.trust-store", () -> dir.resolve("trust.p12").toUri().toString());
    properties.add("server.ssl.trust-store-password", () -> "changeit");
    properties.add("server.ssl.trust-store-type", () -> "PKCS12");
    properties.add("hub.security.client-certificates[0].subject", () -> SYSTEM_SUBJECT);
    properties.add("hub.security.client-certificates[0].agency", () -> DemoData.CONSUMER);
    properties.add("hub.security.client-certificates[0].unit", () -> "registration");
    properties.add("hub.security.client-certificates[0].roles[0]", () -> Roles.CONSUMER_OFFICER);
  }

  @LocalServerPort
  int port;
  @Autowired
  TokenIssuer issuer;
  @Autowired
  PopulationRegistry registry;

  @Test
  void aRegisteredClientCertificateActsForItsAgencyAndOthersAreRefused() throws Exception {
    String citizen = registry.sampleCitizenIds(1).getFirst();
    Map<String, Object> lookup = Map.of("subjectId", citizen, "purpose", DemoData.PURPOSE, "caseRef", "MTLS-1",
        "cardPresent", true);

    KeyPair systemKeys = keys();
    HttpClient system = client(systemKeys.getPrivate(),
        certificate(SYSTEM_SUBJECT, systemKeys, "CN=Agency CA", caKeys.getPrivate(), false));
    HttpResponse<String> served = send(system, "/api/v1/exchange/" + DemoData.DATASET + "/lookup", null, lookup);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    String entryId = JSON.readTree(served.body()).get("ledgerEntryId").asString();

    // Without a certificate, bearer tokens work as before, over the same TLS listener.
    HttpClient anonymous = client(null, null);
    JsonNode entry = JSON.readTree(send(anonymous, "/api/v1/ledger/" + entryId,
        new org.gdxhub.testsupport.TestTokens(issuer).auditor(), null).body());
    assertThat(entry.get("exchange").get("agency").asString()).isEqualTo(DemoData.CONSUMER);
    assertThat(entry.get("exchange").get("unit").asString()).isEqualTo("registration");
    assertThat(entry.get("exchange").get("officer").asString()).isEqualTo("welfare-system");
    assertThat(send(anonymous, "/api/v1/exchange/" + DemoData.DATASET + "/lookup", null, lookup).statusCode())
        .isEqualTo(401);

    // Signed by the trusted CA but not registered with the hub: authenticated by TLS, refused by the hub.
    KeyPair strangerKeys = keys();
    HttpClient stranger = client(strangerKeys.getPrivate(), certificate("CN=other-system,O=" + DemoData.CONSUMER,
        strangerKeys, "CN=Agency CA", caKeys.getPrivate(), false));
    HttpResponse<String> refused = send(stranger, "/api/v1/exchange/" + DemoData.DATASET + "/lookup", null, lookup);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("unauthenticated");

    // Registered subject, but issued by a CA the hub does not trust: the handshake fails.
    KeyPair rogueCa = keys();
    KeyPair forgedKeys = keys();
    HttpClient forged = client(forgedKeys.getPrivate(),
        certificate(SYSTEM_SUBJECT, forgedKeys, "CN=Agency CA", rogueCa.getPrivate(), false));
    boolean servedToForger;
    try {
      servedToForger = send(forged, "/api/v1/exchange/" + DemoData.DATASET + "/lookup", null, lookup)
          .statusCode() == 200;
    } catch (IllegalStateException handshakeFailed) {
      servedToForger = false;
    }
    assertThat(servedToForger).isFalse();
  }

  HttpClient client(PrivateKey key, X509Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("agency-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore own = KeyStore.getInstance("PKCS12");
    own.load(null, null);
    if (key != null) {
      own.setKeyEntry("client", key, PASSWORD, new Certificate[] {certificate});
    }
    kmf.init(own, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
  }

  HttpResponse<String> send(HttpClient client, String path, String authorization, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request.method(body == null ? "GET" : "POST", body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("TLS request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey,
      boolean authority) throws Exception {
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name(issuer), new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name(subject),
        keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (!authority) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  /** The name as an RFC 2253 string means it (most significant RDN last in the string, first in the encoding). */
  static X500Name name(String distinguishedName) {
    return X500Name.getInstance(new javax.security.auth.x500.X500Principal(distinguishedName).getEncoded());
  }

  static void store(Path file, String alias, PrivateKey key, X509Certificate certificate, X509Certificate issuer)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, key, PASSWORD, new Certificate[] {certificate, issuer});
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
  }
}
