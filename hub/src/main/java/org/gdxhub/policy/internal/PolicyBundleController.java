package org.gdxhub.policy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.gdxhub.common.JsonText;
import org.gdxhub.policy.PolicyData;
import org.gdxhub.policy.PolicyDataService;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OPA's bundle API, served by the hub: the policy bundle (the Rego sources, root {@code hub})
 * and the data bundle (agencies, agreement states, root {@code gdx}). An OPA server polls both
 * with If-None-Match, so a changed agreement reaches it within its polling delay; the
 * in-process engine reads the same {@link PolicyDataService} revision.
 */
@RestController
@RequestMapping("/api/v1/policy/bundles")
class PolicyBundleController {

  private static final MediaType GZIP = MediaType.parseMediaType("application/gzip");

  private final PolicyDataService data;
  private final Bundle policyBundle;

  PolicyBundleController(PolicyDataService data) throws IOException {
    this.data = data;
    this.policyBundle = buildPolicyBundle();
  }

  @GetMapping("/policy.tar.gz")
  ResponseEntity<byte[]> policy(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
    return respond(policyBundle, etag);
  }

  @GetMapping("/data.tar.gz")
  ResponseEntity<byte[]> data(@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String etag) {
    PolicyData current = data.current();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(".manifest", manifest(current.revision(), "gdx"));
    files.put("gdx/data.json", current.json().getBytes(StandardCharsets.UTF_8));
    return respond(new Bundle(current.revision(), tarGz(files)), etag);
  }

  private static ResponseEntity<byte[]> respond(Bundle bundle, String ifNoneMatch) {
    String etag = "\"" + bundle.revision() + "\"";
    if (etag.equals(ifNoneMatch)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    return ResponseEntity.ok().eTag(etag).contentType(GZIP).body(bundle.bytes());
  }

  private static Bundle buildPolicyBundle() throws IOException {
    Map<String, byte[]> sources = new TreeMap<>();
    for (Resource rego : new PathMatchingResourcePatternResolver().getResources("classpath*:policies/hub/**/*.rego")) {
      String url = rego.getURL().toString();
      String path = url.substring(url.lastIndexOf("policies/hub/") + "policies/".length());
      sources.put(path, rego.getContentAsByteArray());
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("no Rego sources under classpath:policies/hub");
    }
    MessageDigest digest = sha256();
    sources.forEach((path, bytes) -> {
      digest.update(path.getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
    });
    String revision = HexFormat.of().formatHex(digest.digest());
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(".manifest", manifest(revision, "hub"));
    files.putAll(sources);
    return new Bundle(revision, tarGz(files));
  }

  private static byte[] manifest(String revision, String root) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("revision", revision);
    manifest.put("roots", List.of(root));
    manifest.put("rego_version", 1);
    return JsonText.write(manifest).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] tarGz(Map<String, byte[]> files) {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      for (var file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry("/" + file.getKey());
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Bundle(String revision, byte[] bytes) {}
}
