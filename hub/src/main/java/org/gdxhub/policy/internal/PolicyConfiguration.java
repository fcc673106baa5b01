package org.gdxhub.policy.internal;

import java.io.IOException;

import org.gdxhub.policy.PolicyDataService;
import org.gdxhub.policy.PolicyEngine;
import org.gdxhub.policy.PolicyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PolicyConfiguration.class);

  @Bean
  PolicyEngine policyEngine(PolicyProperties properties, ResourceLoader resources, PolicyDataService data)
      throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    return switch (properties.engine()) {
      case "wasm" -> {
        byte[] wasm = WasmPolicyEngine.read(resources.getResource(properties.wasmResource()).getInputStream());
        yield new WasmPolicyEngine(wasm, properties.wasmInstances(), data::current, json);
      }
      case "opa-server" -> {
        log.info("policy decisions from the OPA server at {} (timeout {})", properties.opaUrl(), properties.opaTimeout());
        yield new OpaServerPolicyEngine(properties.opaUrl(), properties.opaTimeout(), json);
      }
      default -> throw new IllegalStateException("hub.policy.engine must be wasm or opa-server, not " + properties.engine());
    };
  }
}
