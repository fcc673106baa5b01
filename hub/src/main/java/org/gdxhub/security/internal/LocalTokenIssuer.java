package org.gdxhub.security.internal;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.security.SecurityProperties;
import org.gdxhub.security.Signatures;
import org.gdxhub.security.TokenIssuer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The embedded token issuer: ES256 JWTs signed with the EC P-256 key {@code signing-token-issuer}
 * of the local keystore (created on first start), published as a JWKS so that other services
 * can verify the hub's tokens too.
 */
final class LocalTokenIssuer implements TokenIssuer {

  static final String KEY_ALIAS = "signing-token-issuer";

  private final SecurityProperties.LocalIssuer settings;
  private final SecurityProperties.Claims claims;
  private final Clock clock;
  private final ECKey jwk;
  private final NimbusJwtEncoder encoder;

  LocalTokenIssuer(LocalKeystore keystore, SecurityProperties properties, Clock clock) {
    this.settings = properties.localIssuer();
    this.claims = properties.claims();
    this.clock = clock;
    KeyStore.PrivateKeyEntry entry = keystore.signingKey(KEY_ALIAS, "CN=GDX Hub token issuer, O=GDX Hub");
    X509Certificate certificate = (X509Certificate) entry.getCertificate();
    this.jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey())
        .privateKey((ECPrivateKey) entry.getPrivateKey())
        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
        .keyID(Signatures.keyId(certificate).substring(0, 16))
        .build();
    this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
  }

  @Override
  public IssuedToken issue(CallerIdentity caller, Duration ttl) {
    return issue(caller, clock.instant(), ttl);
  }

  @Override
  public IssuedToken issue(CallerIdentity caller, Instant now, Duration ttl) {
    Instant expires = now.plus(ttl);
    JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
        .issuer(settings.issuer())
        .issuedAt(now)
        .notBefore(now.minusSeconds(1))
        .expiresAt(expires)
        .id(UUID.randomUUID().toString())
        .claim(claims.roles(), caller.roles().stream().sorted().toList());
    // A missing part of the identity is left out (the hub then answers caller_unidentified).
    if (caller.officer() != null) {
      builder.subject(caller.officer()).claim(claims.officer(), caller.officer());
    }
    if (caller.agency() != null) {
      builder.claim(claims.agency(), caller.agency());
    }
    if (caller.unit() != null) {
      builder.claim(claims.unit(), caller.unit());
    }
    JwtClaimsSet claimSet = builder.build();
    JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(jwk.getKeyID()).type("JWT").build();
    return new IssuedToken(encoder.encode(JwtEncoderParameters.from(header, claimSet)).getTokenValue(), expires);
  }

  /** The public keys as a JWK Set (RFC 7517). */
  Map<String, Object> jwks() {
    return new JWKSet(jwk.toPublicJWK()).toJSONObject(true);
  }

  /** Verifies the hub's own tokens: ES256 with this key only, issuer and expiry checked. */
  JwtDecoder decoder() {
    var processor = new DefaultJWTProcessor<SecurityContext>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
        new ImmutableJWKSet<>(new JWKSet(jwk.toPublicJWK()))));
    // Spring's validators check exp/nbf/iss; Nimbus's own claims check is replaced by them.
    processor.setJWTClaimsSetVerifier((claimSet, context) -> {});
    var decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(settings.issuer()));
    return decoder;
  }

}
