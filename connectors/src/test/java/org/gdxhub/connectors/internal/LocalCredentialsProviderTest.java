package org.gdxhub.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsProviderTest {

  @TempDir
  Path dir;

  @Test
  void storedCredentialsAreReadBackAndNeverPrinted() {
    var provider = new LocalCredentialsProvider(Map.of(), dir.resolve("c.p12"), "store-pw");
    provider.store("business-registry", new Credentials("gdx-hub", "s3cret"));
    var reopened = new LocalCredentialsProvider(Map.of(), dir.resolve("c.p12"), "store-pw");
    assertThat(reopened.credentials("business-registry")).contains(new Credentials("gdx-hub", "s3cret"));
    assertThat(reopened.credentials("business-registry").orElseThrow().toString()).doesNotContain("s3cret");
    assertThat(reopened.credentials("revenue-department")).isEmpty();
  }

  @Test
  void environmentVariablesOverrideTheKeystore() {
    var provider = new LocalCredentialsProvider(Map.of("GDX_CREDENTIALS_BUSINESS_REGISTRY_USERNAME", "ops",
        "GDX_CREDENTIALS_BUSINESS_REGISTRY_PASSWORD", "from-env"), dir.resolve("c.p12"), "store-pw");
    provider.store("business-registry", new Credentials("gdx-hub", "from-keystore"));
    assertThat(provider.credentials("business-registry")).contains(new Credentials("ops", "from-env"));
  }

  @Test
  void createIfMissingGeneratesARandomSecretOnceAndKeepsIt() {
    var provider = new LocalCredentialsProvider(Map.of(), dir.resolve("c.p12"), "store-pw");
    Credentials first = provider.createIfMissing("demo", "gdx_connector");
    assertThat(first.secret()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(provider.createIfMissing("demo", "other")).isEqualTo(first);
  }

  @Test
  void readsAPasswordThatAnOperatorStoredWithKeytool() throws Exception {
    Path keystore = dir.resolve("ops.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-importpass", "-alias", "revenue-department.password",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "store-pw")
        .redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write("operator-secret\noperator-secret\n".getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(Files.exists(keystore)).isTrue();

    var provider = new LocalCredentialsProvider(Map.of(), keystore, "store-pw");
    assertThat(provider.credentials("revenue-department")).contains(new Credentials(null, "operator-secret"));
    assertThat(List.of(provider.credentials("revenue-department").orElseThrow().secret())).containsExactly("operator-secret");
  }
}
