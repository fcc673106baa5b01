package org.gdxhub.exchange;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the exchange module, under {@code hub.exchange.*}.
 *
 * @param admission how many lookups the hub works on at once (ADR 0017)
 */
@ConfigurationProperties("hub.exchange")
public record ExchangeProperties(@DefaultValue Admission admission) {

  /**
   * Admission control at the edge of {@code POST /api/v1/exchange/{dataset}/lookup}: at most
   * {@code maxConcurrent} lookups in flight; a further one waits up to {@code maxWait} for a free
   * place, else is answered {@code 503 overloaded} with {@code Retry-After} and nothing is done.
   *
   * @param enabled false admits every lookup at once (as before)
   * @param maxConcurrent lookups in flight per hub instance; a 2-core hub is busy with far fewer
   *     (each lookup is a few CPU milliseconds plus short waits on the source and the ledger commit),
   *     and it stays below what the connectors' pools (8 connections per source) queue without timeouts
   * @param maxWait how long a lookup beyond the limit may wait for a place (absorbs bursts)
   * @param retryAfter the {@code Retry-After} of a refused lookup (whole seconds, at least 1)
   */
  public record Admission(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("64") int maxConcurrent,
      @DefaultValue("500ms") Duration maxWait,
      @DefaultValue("1s") Duration retryAfter) {

    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }
}
