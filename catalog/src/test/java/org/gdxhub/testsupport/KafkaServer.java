package org.gdxhub.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka broker in the test JVM, built from Kafka's own server jars
 * ({@code kafka_2.13}): one node in KRaft combined mode (broker and controller), static
 * single-voter quorum, a temporary log directory, PLAINTEXT on free loopback ports. The
 * storage is formatted once (what {@code kafka-storage.sh format} does, via
 * {@link Formatter}); {@link #stop()} and {@link #restart()} bounce the node on the same
 * ports and data, as an operator restarting the broker would. Everything is stopped and
 * deleted at JVM exit.
 *
 * <p>{@link #shared()} is one broker for the whole JVM; tests that stop the broker take
 * their own with {@link #startNew()}.
 */
public final class KafkaServer {

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static KafkaServer shared;

  static {
    // Kafka's fatal-fault handlers halt the process; in a test JVM they must not kill the build.
    Exit.setHaltProcedure((status, message) -> System.err.println("kafka test broker asked to halt(" + status + "): " + message));
    Exit.setExitProcedure((status, message) -> System.err.println("kafka test broker asked to exit(" + status + "): " + message));
    quietKafkaLogs();
  }

  private final Path dir;
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  private KafkaServer(Path dir, int brokerPort, int controllerPort) {
    this.dir = dir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** The JVM-wide broker, started on first use. Do not stop it: other tests share it. */
  public static synchronized KafkaServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /** A broker of one's own (e.g. to stop and restart it), deleted at JVM exit. */
  public static KafkaServer startNew() {
    try {
      Path dir = Files.createTempDirectory("gdx-kafka-");
      var kafka = new KafkaServer(dir, FreePorts.loopback(), FreePorts.loopback());
      kafka.format();
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "kafka-test-stop"));
      kafka.restart();
      return kafka;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Kafka test broker", e);
    }
  }

  /** {@code host:port} for the clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public synchronized boolean running() {
    return server != null;
  }

  /** Starts the node (again) on the same ports and data; waits until it serves clients. */
  public synchronized void restart() {
    if (server != null) {
      return;
    }
    KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException e) {
      starting.shutdown();
      throw new IllegalStateException("the Kafka test broker did not start; its logs are in " + dir, e);
    }
    server = starting;
    awaitReady();
  }

  /** Stops the node, keeping its data, as a broker outage. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  /** Creates a topic unless it exists. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(adminConfig())) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name, e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    }
  }

  private Map<String, Object> config() {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", logDir());
    p.put("metadata.log.dir", logDir());
    // One node: every internal topic with one replica and few partitions, so it starts fast.
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  private String logDir() {
    return dir.resolve("data").toString();
  }

  private void format() {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(logDir())
          .setMetadataLogDirectory(logDir())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka test broker's storage in " + dir, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(adminConfig())) {
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("the Kafka test broker did not become ready within " + READY_TIMEOUT, last);
  }

  private Properties adminConfig() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    return p;
  }

  private void destroy() {
    try {
      stop();
    } catch (RuntimeException e) {
      System.err.println("could not stop the Kafka test broker: " + e);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  /** Kafka's server and clients log a lot at INFO and DEBUG; tests keep only warnings. */
  private static void quietKafkaLogs() {
    for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }

}
