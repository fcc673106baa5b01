package org.gdxhub.exchange;

import java.io.IOException;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP path on the embedded defaults: H2 file database in a temporary data directory. */
class H2ExchangeHttpIT extends ExchangeHttpContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    embeddedDefaults(properties);
  }
}
