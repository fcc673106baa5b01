package org.gdxhub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.gdxhub.connectors.PopulationRegistry;
import org.gdxhub.demo.DemoData;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.SubjectPseudonymizer;
import org.gdxhub.testsupport.VaultServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The hub on its production secrets backend: {@code hub.security.secrets.backend=vault} against
 * the real dev-mode Vault of {@link VaultServer}. The demo owner systems' credentials are put in
 * KV v2 beforehand, as an operator would ({@code vault kv put}); the hub reads them from there,
 * pseudonymises the subject of a lookup with Transit HMAC, and signs a certified extract with a
 * Transit ECDSA key whose public key is the published certificate's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfSystemProperty(named = "gdx.vault.bin", matches = ".+", disabledReason = "needs -Dgdx.vault.bin (bin/test"
    + " builds the pinned vault from the Go module proxy and passes it)")
class VaultBackedHubIT {

  static final Map<String, String> OFFICER = ArchiveHttpSupport.caller(DemoData.CONSUMER, "registration",
      "officer-001", null);
  static final Map<String, String> COMMITTEE = ArchiveHttpSupport.caller("governance-committee", "secretariat",
      "auditor-1", "committee");
  static final String KV_PATH = "gdx-hub-it-" + UUID.randomUUID().toString().substring(0, 8) + "/connectors";

  @LocalServerPort
  int port;
  @Autowired
  org.gdxhub.security.TokenIssuer tokenIssuer;
  @Autowired
  PopulationRegistry registry;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    VaultServer vault = VaultServer.shared();
    // The demo owner systems check these credentials, and the hub's connectors present them.
    Map.of("population-registry", "gdx_connector", "business-registry", "gdx-hub", "revenue-department", "gdx-hub")
        .forEach((name, user) -> vault.post("/v1/secret/data/" + KV_PATH + "/" + name,
            "{\"data\":{\"username\":\"" + user + "\",\"password\":\"" + UUID.randomUUID() + "\"}}"));
    Path dataDir = Files.createTempDirectory("gdx-vault-hub-it-");
    properties.add("hub.data-dir", dataDir::toString);
    properties.add("hub.security.secrets.backend", () -> "vault");
    properties.add("hub.security.secrets.vault.address", vault::address);
    properties.add("hub.security.secrets.vault.token", vault::rootToken);
    properties.add("hub.security.secrets.vault.kv-path", () -> KV_PATH);
  }

  @Test
  void aLookupIsPseudonymisedByTransitAndItsCertifiedExtractIsSignedByTransit() throws Exception {
    VaultServer vault = VaultServer.shared();
    var http = new ArchiveHttpSupport(port, tokenIssuer);
    String citizen = registry.sampleCitizenIds(1).getFirst();
    var lookup = http.postJson("/api/v1/exchange/" + DemoData.DATASET + "/lookup", OFFICER, Map.of("subjectId",
        citizen, "purpose", DemoData.PURPOSE, "caseRef", "BR-2569-0701", "cardPresent", true));
    assertThat(lookup.status()).as(lookup.text()).isEqualTo(200);
    String ledgerEntryId = lookup.json().get("ledgerEntryId").asString();

    // The ledger names the subject by the HMAC that Transit computes with key subject-pseudonym.
    JsonNode entry = http.get("/api/v1/ledger/" + ledgerEntryId, COMMITTEE).json();
    String input = Base64.getEncoder().encodeToString(("citizen_id\u0000" + citizen).getBytes(StandardCharsets.UTF_8));
    JsonNode hmac = ArchiveHttpSupport.JSON.readTree(vault.post("/v1/transit/hmac/" + SubjectPseudonymizer.KEY_NAME
        + "/sha2-256", "{\"input\":\"" + input + "\"}"));
    String transitHmac = hmac.get("data").get("hmac").asString();
    String expected = HexFormat.of().formatHex(Base64.getDecoder().decode(
        transitHmac.substring(transitHmac.lastIndexOf(':') + 1)));
    assertThat(entry.get("exchange").get("subjectPseudonym").asString()).isEqualTo(expected);

    var issued = http.postJson("/api/v1/archive/extracts", OFFICER, Map.of("ledgerEntryId", ledgerEntryId,
        "subjectId", citizen));
    assertThat(issued.status()).as(issued.text()).isEqualTo(201);
    byte[] pdf = http.get(issued.json().get("pdf").asString(), OFFICER).bytes();
    X509Certificate certificate = Signatures.fromPem(http.get("/api/v1/archive/certificate", Map.of()).text())
        .getFirst();
    PdfTestSupport.SignatureFacts facts = PdfTestSupport.signature(pdf, certificate);
    assertThat(facts.cmsVerifies()).isTrue();
    assertThat(facts.coversWholeFile()).isTrue();
    assertThat(http.postBytes("/api/v1/archive/verify", "application/pdf", pdf).json().get("status").asString())
        .isEqualTo("valid");

    // The certificate's key is the Transit key's: the private key never left Vault.
    JsonNode key = ArchiveHttpSupport.JSON.readTree(vault.get("/v1/transit/keys/signing-archive-document"))
        .get("data");
    String pem = key.get("keys").get(String.valueOf(key.get("latest_version").asInt())).get("public_key").asString();
    var transitPublicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
        Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(transitPublicKey.getEncoded());
  }
}
