package org.gdxhub.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.gdxhub.policy.internal.WasmPolicyEngine;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads policies for what-if evaluation: the policy in force (the committed Wasm build) and
 * candidate policies a committee wants to preview, each evaluated in-process on the same
 * policy data.
 */
@Service
public class PolicyCandidates {

  private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};

  private final PolicyDataService data;
  private final PolicyProperties properties;
  private final ResourceLoader resources;
  private final JsonMapper json = JsonMapper.builder().build();

  public PolicyCandidates(PolicyDataService data, PolicyProperties properties, ResourceLoader resources) {
    this.data = data;
    this.properties = properties;
    this.resources = resources;
  }

  /** The policy in force, as compiled into the hub. */
  public PolicyEngine inForce() {
    try {
      return wasm(WasmPolicyEngine.read(resources.getResource(properties.wasmResource()).getInputStream()));
    } catch (IOException e) {
      throw new HubException(ErrorCode.INTERNAL_ERROR, "cannot read the policy in force", e);
    }
  }

  /**
   * A candidate policy: a Wasm bundle as {@code opa build -t wasm -e hub/exchange/decision}
   * writes it (tar.gz with policy.wasm), or a bare .wasm module.
   */
  public PolicyEngine candidate(byte[] bundleOrModule) {
    if (bundleOrModule == null || bundleOrModule.length < 4) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "send a Wasm bundle (opa build -t wasm) or a .wasm module");
    }
    byte[] wasm = Arrays.equals(Arrays.copyOf(bundleOrModule, 4), WASM_MAGIC) ? bundleOrModule : fromBundle(bundleOrModule);
    try {
      return wasm(wasm);
    } catch (RuntimeException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "the candidate is not a usable OPA Wasm policy: " + e.getMessage(), e);
    }
  }

  private PolicyEngine wasm(byte[] module) {
    return new WasmPolicyEngine(module, 1, data::current, json);
  }

  private static byte[] fromBundle(byte[] bundle) {
    try (var tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(bundle)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().equals("/policy.wasm") || entry.getName().equals("policy.wasm")) {
          return tar.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new HubException(ErrorCode.INVALID_REQUEST, "the candidate is neither a .wasm module nor a readable bundle");
    }
    throw new HubException(ErrorCode.INVALID_REQUEST, "the bundle has no policy.wasm; build it with opa build -t wasm");
  }
}
