package org.gdxhub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Keyed HMAC-SHA256 of subject identifiers: the same subject always gets the same pseudonym
 * (so the ledger can be searched by subject) but the clear ID cannot be recovered without the key.
 * The identifier type is part of the MAC, so a citizen ID and a juristic ID never collide.
 */
public class SubjectPseudonymizer {

  private final SecretKey key;

  public SubjectPseudonymizer(SecretKey key) {
    this.key = key;
  }

  public String pseudonym(String subjectType, String subjectId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(subjectType.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
