package io.chaoscast.connectors.embedded;

import io.chaoscast.connectors.kafka.TopicCreator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in this JVM, in KRaft mode (combined broker and controller), for the
 * demo and the tests. It listens on 127.0.0.1 only, on free ports, with its data in a temporary
 * directory that {@link #close()} deletes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String CONTROLLER = "CONTROLLER";

  private final Path dataDir;
  private final int brokerPort;
  private final Properties props;
  private KafkaRaftServer server; // null while stopped

  private EmbeddedKafkaBroker(
      Path dataDir, int brokerPort, Properties props, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.props = props;
    this.server = server;
  }

  /** Formats a fresh log directory, starts the broker and waits until it answers. */
  public static EmbeddedKafkaBroker start() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("chaoscast-kafka-");
      int brokerPort = freePort();
      int controllerPort = freePort();
      Properties props = brokerProperties(dir, brokerPort, controllerPort);
      format(dir, props);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, brokerPort, props, server);
      broker.awaitReady();
      return broker;
    } catch (Exception e) {
      if (dir != null) deleteRecursively(dir);
      throw new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** Creates the topics that do not exist yet, with replication factor 1, and waits for leaders. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    try (Admin admin = admin()) {
      TopicCreator.createAndAwait(admin, partitionsByTopic, Duration.ofSeconds(30));
    }
  }

  public Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
  }

  /**
   * Shuts the broker down and keeps its log directory, so that {@link #restart} brings the same
   * topics, offsets and transactions back on the same ports (fault-injection tests).
   */
  public synchronized void stop() {
    if (server == null) return;
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  /** Starts a stopped broker again from its log directory and waits until it answers. */
  public synchronized void restart() {
    if (server != null) return;
    try {
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      awaitReady();
    } catch (Exception e) {
      throw new IllegalStateException("could not restart the embedded Kafka broker: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private void awaitReady() throws Exception {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    }
  }

  private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ","
            + CONTROLLER
            + "://127.0.0.1:"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", CONTROLLER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    p.put("log.dirs", dir.toString());
    // A single node: every internal topic has one replica, and few partitions start faster.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    return p;
  }

  private static void format(Path dir, Properties props) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(dir.toString()))
        .setMetadataLogDirectory(dir.toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setUnstableFeatureVersionsEnabled(false)
        .setControllerListenerName(CONTROLLER)
        .run();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
