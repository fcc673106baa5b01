package org.gdxhub.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Starts the production backends the way the tests start them — a real PostgreSQL, a real Kafka
 * broker (KRaft, in this JVM) and a real Elasticsearch 8.19 — on free loopback ports, and writes
 * the hub arguments that point a hub at them, one per line, to the file named by the first
 * argument. Then it keeps them running until standard input closes or the process is stopped.
 * {@code bin/bench side-by-side --production} uses it to load-test the hub in its production
 * wiring; it is a benchmark helper, not a test.
 */
public final class ProductionBackends {

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println("usage: ProductionBackends ARGS_FILE   (writes the hub's --x=y arguments there, one per line)");
      System.exit(2);
    }
    PostgresServer postgres = PostgresServer.shared();
    KafkaServer kafka = KafkaServer.startNew();
    ElasticsearchServer elasticsearch = ElasticsearchServer.shared();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> hubArgs = List.of(
        "--spring.datasource.url=" + postgres.createDatabase("bench_" + run),
        "--spring.datasource.username=" + postgres.username(),
        "--hub.ledger.relay.publisher=kafka",
        "--hub.ledger.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--hub.ledger.kafka.consumer.enabled=true",
        "--hub.ledger.search.backend=elasticsearch",
        "--hub.ledger.search.elasticsearch.url=" + elasticsearch.url(),
        "--hub.ledger.search.elasticsearch.index=gdx-bench-" + run,
        "--hub.ledger.search.elasticsearch.replicas=0");
    Path file = Path.of(args[0]);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.write(partial, hubArgs, StandardCharsets.UTF_8);
    Files.move(partial, file);
    System.out.println("production backends ready: PostgreSQL, Kafka " + kafka.bootstrapServers() + ", Elasticsearch "
        + elasticsearch.url());
    while (System.in.read() >= 0) {
      // keep running until the caller closes our standard input
    }
    kafka.stop();
    System.exit(0);
  }
}
