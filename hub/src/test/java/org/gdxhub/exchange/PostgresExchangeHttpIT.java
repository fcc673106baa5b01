package org.gdxhub.exchange;

import java.io.IOException;

import org.gdxhub.testsupport.PostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP path with PostgreSQL as the system of record (a real server started by the tests). */
class PostgresExchangeHttpIT extends ExchangeHttpContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) throws IOException {
    embeddedDefaults(properties);
    PostgresServer server = PostgresServer.shared();
    String url = server.createDatabase("gdx_http_" + ProcessHandle.current().pid());
    properties.add("spring.datasource.url", () -> url);
    properties.add("spring.datasource.username", server::username);
    properties.add("spring.datasource.password", () -> "");
  }
}
