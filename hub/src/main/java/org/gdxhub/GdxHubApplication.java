package org.gdxhub;

import java.time.Clock;

import org.gdxhub.ledger.LedgerCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * GDX Hub: a government data-exchange hub with governance. Modules are the sub-packages of
 * this one (catalog, connectors, exchange, ledger, policy, security, demo); each keeps its
 * implementation in an {@code internal} package that other modules may not touch.
 */
@SpringBootApplication
public class GdxHubApplication {

  public static void main(String[] args) {
    // Offline tools (ledger-verify, ...) run without starting the Spring context or web server.
    if (LedgerCommandLine.handles(args)) {
      System.exit(LedgerCommandLine.run(args, System.out, System.err));
    }
    SpringApplication.run(GdxHubApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
