/**
 * Connectors to the data owners' systems, as Camel routes with stable ids
 * {@code <source>.<flow>} built from configuration ({@code hub.connectors.sources}) for three
 * kinds: relational databases, HTTP/JSON APIs and SOAP web services, each call guarded by a
 * per-source Resilience4j circuit breaker with a time limit, retried with backoff when a
 * retry may help. Also the demo owner systems the embedded run starts. Public API:
 * {@link org.gdxhub.connectors.ConnectorGateway}, {@link org.gdxhub.connectors.CredentialsProvider},
 * {@link org.gdxhub.connectors.DemoSources}. See ADR 0007.
 */
package org.gdxhub.connectors;
