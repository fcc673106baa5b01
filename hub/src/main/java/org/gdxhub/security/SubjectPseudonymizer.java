package org.gdxhub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Keyed HMAC-SHA256 of subject identifiers: the same subject always gets the same pseudonym
 * under one key version (so the ledger can be searched by subject) but the clear ID cannot be
 * recovered without the key. The identifier type is part of the MAC, so a citizen ID and a
 * juristic ID never collide.
 *
 * <p>The key is versioned (key {@value #KEY_NAME} in the {@link SecretsBackend}). New ledger
 * entries use the current version; {@link #pseudonyms} gives a subject's pseudonym under every
 * version, so a search by clear ID still finds entries written before a rotation.
 */
public class SubjectPseudonymizer {

  public static final String KEY_NAME = "subject-pseudonym";

  private final SecretsBackend backend;
  private final SecretKey fixedKey;
  private final ApplicationEventPublisher events;

  /** Pseudonyms under a versioned key held by the secrets backend. */
  public SubjectPseudonymizer(SecretsBackend backend, ApplicationEventPublisher events) {
    this.backend = backend;
    this.fixedKey = null;
    this.events = events;
    backend.currentKeyVersion(KEY_NAME);
  }

  /** A single, unversioned key (tools and tests). */
  public SubjectPseudonymizer(SecretKey key) {
    this.backend = null;
    this.fixedKey = key;
    this.events = null;
  }

  /** The subject's pseudonym under the current key version (64 lowercase hex digits). */
  public String pseudonym(String subjectType, String subjectId) {
    return pseudonym(subjectType, subjectId, currentVersion());
  }

  /** The subject's pseudonyms under every key version, current first. */
  public List<String> pseudonyms(String subjectType, String subjectId) {
    List<String> all = new ArrayList<>();
    all.add(pseudonym(subjectType, subjectId));
    for (int version : versions().reversed()) {
      String p = pseudonym(subjectType, subjectId, version);
      if (!all.contains(p)) {
        all.add(p);
      }
    }
    return all;
  }

  public int currentVersion() {
    return backend == null ? 1 : backend.currentKeyVersion(KEY_NAME);
  }

  public List<Integer> versions() {
    return backend == null ? List.of(1) : backend.keyVersions(KEY_NAME);
  }

  /** Rotates to a new key version (an administrative change, audited). */
  public int rotate(String actor) {
    if (backend == null) {
      throw new IllegalStateException("a fixed pseudonymisation key cannot rotate");
    }
    int from = backend.currentKeyVersion(KEY_NAME);
    int to = backend.rotateKey(KEY_NAME);
    if (events != null) {
      events.publishEvent(new SecurityEvents.PseudonymKeyRotated(actor, from, to));
    }
    return to;
  }

  private String pseudonym(String subjectType, String subjectId, int version) {
    byte[] typeBytes = subjectType.getBytes(StandardCharsets.UTF_8);
    byte[] idBytes = subjectId.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[typeBytes.length + 1 + idBytes.length];
    System.arraycopy(typeBytes, 0, message, 0, typeBytes.length);
    System.arraycopy(idBytes, 0, message, typeBytes.length + 1, idBytes.length);
    if (backend != null) {
      return HexFormat.of().formatHex(backend.hmac(KEY_NAME, version, message));
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(fixedKey);
      return HexFormat.of().formatHex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
