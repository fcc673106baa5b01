/**
 * Connectors to the data owners' systems, as Camel routes with stable ids
 * {@code <system>.<flow>}, and the demo source systems the embedded run starts.
 * Public API: {@link org.gdxhub.connectors.ConnectorGateway}.
 */
package org.gdxhub.connectors;
