package org.gdxhub.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the policy module, under {@code hub.policy.*}.
 *
 * @param wasmResource classpath location of the compiled exchange policy
 * @param wasmInstances how many Wasm instances evaluate in parallel (each is single-threaded)
 */
@ConfigurationProperties("hub.policy")
public record PolicyProperties(
    @DefaultValue("classpath:policies/bundle/exchange.wasm") String wasmResource,
    @DefaultValue("4") int wasmInstances) {}
