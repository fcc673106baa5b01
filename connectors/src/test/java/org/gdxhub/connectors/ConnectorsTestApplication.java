package org.gdxhub.connectors;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Boots just the connectors module (Camel, the routes, the demo population registry) for route tests. */
@SpringBootApplication
public class ConnectorsTestApplication {

  /** Stands in for the hub's governed delivery of change events. */
  @Bean
  RecordingChangeEventHandler recordingChangeEventHandler() {
    return new RecordingChangeEventHandler();
  }
}
