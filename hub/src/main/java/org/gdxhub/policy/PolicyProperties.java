package org.gdxhub.policy;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the policy module, under {@code hub.policy.*}.
 *
 * @param engine {@code wasm} (in-process, the embedded default) or {@code opa-server}
 * @param wasmResource classpath location of the compiled exchange policy
 * @param wasmInstances how many Wasm instances evaluate in parallel (each is single-threaded)
 * @param opaUrl base URL of the OPA server (engine opa-server)
 * @param opaTimeout how long a decision may take before the hub denies with policy_unavailable
 */
@ConfigurationProperties("hub.policy")
public record PolicyProperties(
    @DefaultValue("wasm") String engine,
    @DefaultValue("classpath:policies/bundle/exchange.wasm") String wasmResource,
    @DefaultValue("4") int wasmInstances,
    @DefaultValue("http://127.0.0.1:8181") URI opaUrl,
    @DefaultValue("500ms") Duration opaTimeout) {}
