package org.gdxhub.connectors;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots just the connectors module (Camel, the routes, the demo population registry) for route tests. */
@SpringBootApplication
public class ConnectorsTestApplication {}
