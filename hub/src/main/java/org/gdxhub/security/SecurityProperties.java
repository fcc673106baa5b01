package org.gdxhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the security module, under {@code hub.security.*}.
 *
 * @param keystorePath the local PKCS#12 keystore, created with fresh keys on first start
 * @param keystorePassword its password; set {@code HUB_SECURITY_KEYSTORE_PASSWORD} outside demos
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(
    @DefaultValue("./data/keys/hub-keys.p12") String keystorePath,
    @DefaultValue("gdx-hub-demo") String keystorePassword) {}
