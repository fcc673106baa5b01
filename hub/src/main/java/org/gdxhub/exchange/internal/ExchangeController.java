package org.gdxhub.exchange.internal;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.exchange.ExchangeService;
import org.gdxhub.exchange.LookupRequest;
import org.gdxhub.exchange.LookupResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The consumer's lookup endpoint. */
@RestController
@RequestMapping("/api/v1/exchange")
class ExchangeController {

  private final ExchangeService exchange;

  ExchangeController(ExchangeService exchange) {
    this.exchange = exchange;
  }

  @PostMapping("/{datasetId}/lookup")
  LookupResult lookup(CallerIdentity caller, @PathVariable String datasetId,
      @RequestBody(required = false) LookupRequest request) {
    // An empty body still goes through the pipeline, so that it is ledgered as a rejected request.
    LookupRequest lookup = request != null ? request : new LookupRequest(null, null, null, null, null, false, null, null);
    return exchange.lookup(caller, datasetId, lookup);
  }
}
