package org.gdxhub.policy.internal;

import java.io.IOException;

import org.gdxhub.policy.PolicyEngine;
import org.gdxhub.policy.PolicyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyConfiguration {

  @Bean
  PolicyEngine policyEngine(PolicyProperties properties, ResourceLoader resources) throws IOException {
    byte[] wasm = WasmPolicyEngine.read(resources.getResource(properties.wasmResource()).getInputStream());
    return new WasmPolicyEngine(wasm, properties.wasmInstances(), JsonMapper.builder().build());
  }
}
