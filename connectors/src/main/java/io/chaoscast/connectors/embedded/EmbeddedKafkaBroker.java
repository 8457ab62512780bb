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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in this JVM, in KRaft mode (combined broker and controller), for the
 * demo and the tests. It listens on 127.0.0.1 only, on free ports, with its data in a temporary
 * directory that {@link #close()} deletes.
 *
 * <p>Started with {@link #startSaslSsl}, it also opens a {@code SASL_SSL} listener that accepts one
 * SCRAM-SHA-512 user, for testing clients configured as against a secured production cluster. The
 * PLAINTEXT listener stays open for the test's own set-up ({@link #admin()}, topics).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final String CONTROLLER = "CONTROLLER";
  private static final String SASL_SSL = "SASL_SSL";

  /**
   * A {@code SASL_SSL} listener's TLS identity and its one SCRAM-SHA-512 user.
   *
   * @param keyStore PKCS12 key store with the broker's key and certificate (for 127.0.0.1)
   */
  public record SaslSsl(Path keyStore, String keyStorePassword, String user, String password) {

    /** Without the passwords, which would otherwise end up in a test's log. */
    @Override
    public String toString() {
      return "SaslSsl[keyStore=" + keyStore + ", user=" + user + "]";
    }
  }

  private final Path dataDir;
  private final int brokerPort;
  private final int saslSslPort;
  private final Properties props;
  private KafkaRaftServer server; // null while stopped

  private EmbeddedKafkaBroker(
      Path dataDir, int brokerPort, int saslSslPort, Properties props, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.saslSslPort = saslSslPort;
    this.props = props;
    this.server = server;
  }

  /** Formats a fresh log directory, starts the broker and waits until it answers. */
  public static EmbeddedKafkaBroker start() {
    return start(null);
  }

  /**
   * {@link #start()}, plus a {@code SASL_SSL} listener ({@link #saslSslBootstrapServers()}) with
   * {@code security}'s certificate and its user, created before this returns.
   */
  public static EmbeddedKafkaBroker startSaslSsl(SaslSsl security) {
    EmbeddedKafkaBroker broker = start(security);
    try {
      broker.createScramUser(security);
      return broker;
    } catch (Exception e) {
      broker.close();
      throw new IllegalStateException(
          "could not create the SCRAM user " + security.user() + ": " + e, e);
    }
  }

  private static EmbeddedKafkaBroker start(SaslSsl security) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("chaoscast-kafka-");
      int brokerPort = freePort();
      int controllerPort = freePort();
      int saslSslPort = security == null ? -1 : freePort();
      Properties props = brokerProperties(dir, brokerPort, controllerPort);
      if (security != null) addSaslSsl(props, brokerPort, saslSslPort, security);
      format(dir, props);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(dir, brokerPort, saslSslPort, props, server);
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

  /** The {@code SASL_SSL} listener; only for a broker from {@link #startSaslSsl}. */
  public String saslSslBootstrapServers() {
    if (saslSslPort < 0) throw new IllegalStateException("started without a SASL_SSL listener");
    return "127.0.0.1:" + saslSslPort;
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

  /**
   * Stores the user's SCRAM-SHA-512 credential in the cluster metadata, then waits until the broker
   * lets the user in (the credential reaches the broker's cache a moment after the controller
   * accepted it, and a client that fails authentication does not retry).
   */
  private void createScramUser(SaslSsl security) throws Exception {
    try (Admin admin = admin()) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      security.user(),
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                      security.password())))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Map<String, Object> client = new HashMap<>();
      client.put("bootstrap.servers", saslSslBootstrapServers());
      client.put("security.protocol", SASL_SSL);
      client.put("sasl.mechanism", "SCRAM-SHA-512");
      client.put("sasl.jaas.config", jaasLine(security.user(), security.password()));
      // The broker's certificate is the test's own; trust is not what is awaited here.
      client.put("ssl.endpoint.identification.algorithm", "");
      client.put("ssl.truststore.type", "PKCS12");
      client.put("ssl.truststore.location", security.keyStore().toString());
      client.put("ssl.truststore.password", security.keyStorePassword());
      try (Admin admin = Admin.create(client)) {
        admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.sleep(200);
      }
    }
  }

  /** The {@code sasl.jaas.config} line of a SCRAM client, as docs/deploy.md writes it. */
  public static String jaasLine(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static void addSaslSsl(Properties p, int brokerPort, int saslSslPort, SaslSsl security) {
    String plain = "PLAINTEXT://127.0.0.1:" + brokerPort;
    String secure = SASL_SSL + "://127.0.0.1:" + saslSslPort;
    p.put("listeners", p.getProperty("listeners") + "," + secure);
    p.put("advertised.listeners", plain + "," + secure);
    p.put(
        "listener.security.protocol.map",
        p.getProperty("listener.security.protocol.map") + "," + SASL_SSL + ":" + SASL_SSL);
    p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", security.keyStore().toString());
    p.put("ssl.keystore.password", security.keyStorePassword());
    p.put("ssl.key.password", security.keyStorePassword());
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
    try {
      Utils.delete(dir.toFile()); // Kafka's own recursive delete
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
