package org.gdxhub.security;

/**
 * A signature over bytes kept elsewhere.
 *
 * @param keyId SHA-256 fingerprint (lowercase hex) of the signing certificate, see {@link Signatures#keyId}
 * @param algorithm JCA signature algorithm, e.g. {@code SHA256withECDSA}
 * @param value the signature bytes (DER for ECDSA)
 */
public record DetachedSignature(String keyId, String algorithm, byte[] value) {

  public DetachedSignature {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }
}
