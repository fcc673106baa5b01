package org.gdxhub.connectors;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the connectors module, under {@code hub.connectors.*}. The defaults (the
 * three demo sources and their flows) live in {@code gdx-connectors.yml}; any of it can be
 * overridden, and a new source of an existing kind is a new entry under {@code sources}.
 *
 * @param sources the owners' systems by name; each flow becomes the route {@code <source>.<flow>}
 * @param demo the bundled demo source systems the embedded run starts
 * @param credentials where the embedded {@link CredentialsProvider} keeps connector secrets
 * @param changeEvents the owners' change-event streams the hub consumes (ADR 0012)
 */
@ConfigurationProperties("hub.connectors")
public record ConnectorsProperties(
    @DefaultValue Map<String, Source> sources,
    @DefaultValue Demo demo,
    @DefaultValue CredentialsStore credentials,
    @DefaultValue ChangeEvents changeEvents) {

  /** Connector kinds: each is one route shape, defined once in Java (see ADR 0007). */
  public static final String JDBC = "jdbc";
  public static final String HTTP_JSON = "http-json";
  public static final String SOAP_XML = "soap-xml";

  /**
   * One owner system.
   *
   * @param kind {@code jdbc}, {@code http-json} or {@code soap-xml}
   * @param url JDBC URL, HTTP base URL, or the SOAP endpoint URL
   * @param credentials name of the credentials in the {@link CredentialsProvider}, never the secret itself
   * @param timeout budget of one call to the source; a slower answer is {@code source_timeout}
   * @param connectTimeout budget to open a connection; failing that is {@code source_unavailable}
   * @param retries further attempts after a failed idempotent read (never after a timeout or an open circuit)
   * @param retryDelay delay before the first retry, multiplied by {@code retryBackoff} for each further one
   * @param healthPath HTTP kinds: path (relative to {@code url}) the health indicator requests
   * @param namespaces {@code soap-xml}: XML namespace prefixes used in the flows' XPath expressions
   */
  public record Source(
      @DefaultValue("true") boolean enabled,
      String kind,
      String url,
      String credentials,
      @DefaultValue("5s") Duration timeout,
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("2") int retries,
      @DefaultValue("100ms") Duration retryDelay,
      @DefaultValue("2.0") double retryBackoff,
      @DefaultValue CircuitBreaker circuitBreaker,
      @DefaultValue("8") int maxConnections,
      String healthPath,
      @DefaultValue Map<String, String> namespaces,
      @DefaultValue Map<String, Flow> flows) {}

  /**
   * Resilience4j circuit breaker of one source, shared by all its flows.
   *
   * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
   * @param slidingWindow number of recent calls the failure rate is computed over
   * @param minimumCalls calls needed before the failure rate counts
   * @param openFor how long the circuit stays open before letting trial calls through
   */
  public record CircuitBreaker(
      @DefaultValue("50") int failureRateThreshold,
      @DefaultValue("10") int slidingWindow,
      @DefaultValue("5") int minimumCalls,
      @DefaultValue("30s") Duration openFor) {}

  /**
   * One lookup flow of a source: how to ask for a subject and how to map the answer to the
   * dataset's canonical record. {@code {id}} in {@code path} and {@code request} stands for the subject ID.
   *
   * @param query {@code jdbc}: SQL returning one row whose column names are canonical field names
   *     ({@code :#gdxSubjectId} is the subject)
   * @param lists {@code jdbc}: list-valued fields, each an SQL query with named parameters taken from
   *     the row's columns ({@code :house_id}) or {@code :subject_id}
   * @param path {@code http-json}: request path relative to the source URL
   * @param soapAction {@code soap-xml}: the SOAPAction header
   * @param request {@code soap-xml}: the SOAP body's payload element
   * @param record JSON pointer ({@code http-json}) or XPath ({@code soap-xml}) of the record in the
   *     answer; no match means the source holds no such subject
   * @param fields canonical field name to JSON pointer or XPath, relative to {@code record}
   * @param items for list-valued fields: canonical sub-field name to pointer or XPath, relative to each element
   */
  public record Flow(
      String query,
      @DefaultValue Map<String, String> lists,
      String path,
      String soapAction,
      String request,
      String record,
      @DefaultValue Map<String, String> fields,
      @DefaultValue Map<String, Map<String, String>> items) {}

  /**
   * The demo source systems. The population registry demo seeds the database of the source
   * named {@code population-registry}; the HTTP demo servers listen on 127.0.0.1.
   */
  public record Demo(
      @DefaultValue("true") boolean enabled,
      @DefaultValue DemoRegistry populationRegistry,
      @DefaultValue Map<String, DemoServer> servers) {}

  /**
   * @param seed create the demo schema and seed {@code people} synthetic citizens
   * @param publishInterval how often the demo registry publishes its new change events (route
   *     {@code population-registry.publish-changes}) to the {@code population-registry} stream
   */
  public record DemoRegistry(@DefaultValue("true") boolean seed, @DefaultValue("300") int people,
      @DefaultValue("500ms") Duration publishInterval) {}

  /**
   * One demo HTTP server.
   *
   * @param kind {@code business-registry} (HTTP/JSON) or {@code revenue-department} (SOAP/XML)
   * @param delay artificial latency of every answer, to demonstrate a slow source
   * @param credentials name of the credentials callers must present (HTTP Basic)
   */
  public record DemoServer(
      String kind,
      @DefaultValue("0") int port,
      @DefaultValue("0ms") Duration delay,
      String credentials,
      @DefaultValue("120") int companies) {}

  /**
   * The embedded credentials store: a PKCS#12 keystore of password entries (keytool
   * {@code -importpass}); environment variables override it.
   */
  public record CredentialsStore(
      @DefaultValue("./data/keys/connector-credentials.p12") String keystorePath,
      @DefaultValue("gdx-hub-demo") String keystorePassword) {}

  /**
   * Change events the owners publish (death recorded, address moved ...), each stream consumed
   * by the route {@code <stream>.change-events} and handed to the hub's {@link ChangeEventHandler},
   * which delivers them to subscribed agencies under the policy (ADR 0012).
   *
   * @param enabled consume the streams on this instance
   * @param transport {@code in-process} (embedded default: the demo registry hands its events to
   *     the route in this JVM) or {@code kafka} (the owners' topics)
   * @param retries further attempts, with backoff, when handling an event fails (then Kafka
   *     redelivers it: nothing is committed past an event that was not handled)
   * @param retryDelay delay before the first retry, doubled for each further one
   * @param streams the owners' streams by name
   */
  public record ChangeEvents(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("in-process") Transport transport,
      @DefaultValue Kafka kafka,
      @DefaultValue("3") int retries,
      @DefaultValue("200ms") Duration retryDelay,
      @DefaultValue Map<String, Stream> streams) {}

  /** How change events travel from the owner's system to the hub. */
  public enum Transport {
    IN_PROCESS, KAFKA
  }

  /**
   * The Kafka cluster of the change-event topics.
   *
   * @param bootstrapServers brokers, {@code host:port,...}
   * @param groupId the hub's consumer group; offsets are committed only after an event is handled
   * @param autoOffsetReset where a new group starts: {@code earliest} (nothing retained is missed) or {@code latest}
   * @param maxPollRecords records per poll
   * @param properties extra Kafka client properties (security.protocol, sasl.*, ssl.* ...), passed as they are
   */
  public record Kafka(
      @DefaultValue("localhost:9092") String bootstrapServers,
      @DefaultValue("gdx-hub-change-events") String groupId,
      @DefaultValue("earliest") String autoOffsetReset,
      @DefaultValue("100") int maxPollRecords,
      Map<String, String> properties) {

    public Kafka {
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
  }

  /**
   * One owner's change-event stream. Each record is a JSON object whose members are the
   * canonical fields of {@code dataset} ({@code event_id} and {@code event_type} are required,
   * and {@code subjectField} names the subject).
   *
   * @param topic the topic (Kafka) or in-process channel name
   * @param dataset the catalog dataset agencies subscribe to for these events
   * @param subjectType identifier type of the subject ({@code citizen_id})
   * @param subjectField member holding the subject's identifier
   */
  public record Stream(
      @DefaultValue("true") boolean enabled,
      String topic,
      String dataset,
      @DefaultValue("citizen_id") String subjectType,
      @DefaultValue("citizen_id") String subjectField) {}
}
