package io.chaoscast.connectors.testing;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.connectors.kafka.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One Kafka for a test class, two backends: Testcontainers' Kafka when a Docker engine is
 * available, otherwise the in-JVM KRaft broker. {@code -Dkafka.backend=embedded|testcontainers}
 * forces one. Both are real brokers; nothing here mocks Kafka.
 */
public final class KafkaFixture implements AutoCloseable {

  public static final String BACKEND_PROPERTY = "kafka.backend";
  private static final String KAFKA_IMAGE = "apache/kafka:4.2.0";

  private final String bootstrapServers;
  private final AutoCloseable backend;
  private final String backendName;

  private KafkaFixture(String bootstrapServers, AutoCloseable backend, String backendName) {
    this.bootstrapServers = bootstrapServers;
    this.backend = backend;
    this.backendName = backendName;
  }

  public static KafkaFixture start() {
    String choice = System.getProperty(BACKEND_PROPERTY, "auto");
    boolean docker =
        switch (choice) {
          case "embedded" -> false;
          case "testcontainers" -> true;
          case "auto" -> DockerClientFactory.instance().isDockerAvailable();
          default ->
              throw new IllegalArgumentException(
                  BACKEND_PROPERTY + " must be auto, embedded or testcontainers, not " + choice);
        };
    if (docker) {
      KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
      container.start();
      return new KafkaFixture(container.getBootstrapServers(), container::stop, "testcontainers");
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    return new KafkaFixture(broker.bootstrapServers(), broker, "embedded");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String backendName() {
    return backendName;
  }

  /** Creates topics and waits until every partition has a leader. */
  public void createTopics(int partitions, String... topics) {
    Map<String, Integer> byName = new java.util.LinkedHashMap<>();
    for (String t : topics) byName.put(t, partitions);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      TopicCreator.createAndAwait(admin, byName, Duration.ofSeconds(30));
    }
  }

  /** Sends records and waits until the broker acknowledged every one. */
  public void produce(String topic, List<ProducerRecord<byte[], byte[]>> records) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrapServers, "acks", "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (var r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (var f : sent) f.get(30, TimeUnit.SECONDS); // fail loudly if any record was not stored
    } catch (Exception e) {
      throw new IllegalStateException("could not produce to " + topic, e);
    }
  }

  /**
   * Reads a topic from the beginning with read_committed isolation until {@code quiet} passes with
   * no new record after at least {@code atLeast} records, or {@code timeout} runs out.
   */
  public List<ConsumerRecord<byte[], byte[]>> readCommitted(
      String topic, int atLeast, Duration quiet, Duration timeout) {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", bootstrapServers,
            "group.id", "test-" + UUID.randomUUID(),
            "auto.offset.reset", "earliest",
            "enable.auto.commit", "false",
            "isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      long lastNew = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var batch = consumer.poll(Duration.ofMillis(200));
        batch.forEach(out::add);
        if (!batch.isEmpty()) lastNew = System.nanoTime();
        if (out.size() >= atLeast && System.nanoTime() - lastNew > quiet.toNanos()) break;
      }
    }
    return out;
  }

  /**
   * The in-JVM broker, for tests that stop and restart it; empty on the Testcontainers backend
   * (those tests then skip).
   */
  public java.util.Optional<EmbeddedKafkaBroker> embeddedBroker() {
    return backend instanceof EmbeddedKafkaBroker b
        ? java.util.Optional.of(b)
        : java.util.Optional.empty();
  }

  @Override
  public void close() throws Exception {
    backend.close();
  }
}
