package org.gdxhub.archive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the archive tests: JSON in and out, or raw bytes. */
final class ArchiveHttpSupport {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final org.gdxhub.testsupport.TestTokens tokens;
  private final Map<String, String> minted = new java.util.concurrent.ConcurrentHashMap<>();

  ArchiveHttpSupport(int port, org.gdxhub.security.TokenIssuer issuer) {
    this.port = port;
    this.tokens = new org.gdxhub.testsupport.TestTokens(issuer);
  }

  record Response(int status, String contentType, byte[] bytes) {
    JsonNode json() {
      return JSON.readTree(bytes);
    }

    String text() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    String code() {
      return json().path("code").asString();
    }
  }

  /** Who calls; turned into a bearer token from the hub's own issuer when the request is built. */
  static Map<String, String> caller(String agency, String unit, String officer, String roles) {
    var identity = new java.util.LinkedHashMap<String, String>();
    identity.put(AGENCY, agency);
    identity.put(UNIT, unit);
    identity.put(OFFICER, officer);
    // No roles named: an ordinary consumer officer.
    identity.put(ROLES, roles == null ? "consumer_officer" : roles);
    return identity;
  }

  private static final String AGENCY = "caller.agency";
  private static final String UNIT = "caller.unit";
  private static final String OFFICER = "caller.officer";
  private static final String ROLES = "caller.roles";

  Response get(String path, Map<String, String> headers) {
    return send(builder(path, headers).GET());
  }

  Response postJson(String path, Map<String, String> headers, Object body) {
    return send(builder(path, headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
  }

  Response postBytes(String path, String contentType, byte[] body) {
    return send(builder(path, Map.of()).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Response postMultipart(String path, String field, String filename, byte[] file) {
    String boundary = "gdx-test-boundary";
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return send(builder(path, Map.of()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  private HttpRequest.Builder builder(String path, Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    headers.forEach((name, value) -> {
      if (!name.startsWith("caller.")) {
        builder.header(name, value);
      }
    });
    if (headers.containsKey(AGENCY)) {
      String[] roles = headers.get(ROLES).isBlank() ? new String[0] : headers.get(ROLES).split(",");
      // One token per caller, minted at first use: tests that move the hub's clock keep a valid token.
      String key = headers.get(AGENCY) + "|" + headers.get(UNIT) + "|" + headers.get(OFFICER) + "|" + headers.get(ROLES);
      builder.header("Authorization", minted.computeIfAbsent(key,
          k -> tokens.bearer(headers.get(AGENCY), headers.get(UNIT), headers.get(OFFICER), roles)));
    }
    return builder;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
