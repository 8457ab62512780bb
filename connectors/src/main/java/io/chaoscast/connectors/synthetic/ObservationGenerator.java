package io.chaoscast.connectors.synthetic;

import io.chaoscast.connectors.serde.ObservationJson;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends every stream's next sample to Kafka at a fixed rate per stream, with event time on a
 * regular grid starting at the wall clock, keyed by stream id. Every {@code badRecordEvery} ticks
 * it also sends one bad record (rotating through the kinds the dead-letter path handles), so that
 * path is visible in the demo. Run it on its own thread; {@link #stop()} ends it.
 */
public final class ObservationGenerator implements Runnable {

  private final Map<String, SignalSource> streams;
  private final String topic;
  private final Properties producerConfig;
  private final double ratePerStreamHz;
  private final int badRecordEvery;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong badSent = new AtomicLong();

  /** Event time of the first tick: every stream's sample k has time startMillis + k / rate. */
  private volatile long startMillis = -1;

  private volatile boolean running = true;

  public ObservationGenerator(
      Map<String, SignalSource> streams,
      String topic,
      Properties producerConfig,
      double ratePerStreamHz,
      int badRecordEvery) {
    if (ratePerStreamHz <= 0) throw new IllegalArgumentException("rate must be positive");
    this.streams = streams;
    this.topic = topic;
    this.producerConfig = producerConfig;
    this.ratePerStreamHz = ratePerStreamHz;
    this.badRecordEvery = badRecordEvery;
  }

  @Override
  public void run() {
    Properties config = new Properties();
    config.putAll(producerConfig);
    config.putIfAbsent("linger.ms", "5");
    config.putIfAbsent("acks", "all");
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      double periodNanos = 1e9 / ratePerStreamHz;
      long startNanos = System.nanoTime();
      startMillis = System.currentTimeMillis();
      Set<String> named = new HashSet<>();
      for (long tick = 0; running; tick++) {
        long due = startNanos + (long) (tick * periodNanos);
        long wait = due - System.nanoTime();
        if (wait > 0) Pacing.sleepNanos(wait);
        long ts = startMillis + Math.round(tick * 1000.0 / ratePerStreamHz);
        for (var e : streams.entrySet()) {
          List<String> channels = named.add(e.getKey()) ? e.getValue().channelNames() : null;
          send(
              producer,
              e.getKey(),
              ObservationJson.toJson(e.getKey(), ts, e.getValue().next(), channels).toString());
          sent.incrementAndGet();
        }
        if (badRecordEvery > 0 && tick > 0 && tick % badRecordEvery == 0) {
          sendBadRecord(producer, tick / badRecordEvery, ts);
        }
      }
    }
  }

  /** Rotates through bad inputs; each lands on the dead-letter topic with a different reason. */
  private void sendBadRecord(Producer<byte[], byte[]> producer, long n, long ts) {
    String stream = streams.keySet().iterator().next();
    int channels = streams.get(stream).channelNames().size();
    String value =
        switch ((int) (n % 5)) {
          case 0 ->
              "{\"stream\": \"" + stream + "\", \"ts\": " + ts + ", \"values\": [1.0, 2"; // cut off
          case 1 -> "{\"stream\": \"" + stream + "\", \"values\": [1.0]}"; // no ts
          case 2 ->
              ObservationJson.encode(stream, ts + 1, new double[channels]).replace("[0.0", "[NaN");
          case 3 -> ObservationJson.encode(stream, ts + 2, new double[channels + 1]); // wrong count
          default ->
              ObservationJson.encode(stream, ts - 86_400_000L, new double[channels]); // skewed
        };
    send(producer, stream, value);
    badSent.incrementAndGet();
  }

  private void send(Producer<byte[], byte[]> producer, String key, String value) {
    producer.send(
        new ProducerRecord<>(
            topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
  }

  public void stop() {
    running = false;
  }

  /** Good records sent so far. */
  /** The event time of every stream's first sample; -1 before the generator started. */
  public long startMillis() {
    return startMillis;
  }

  public long sent() {
    return sent.get();
  }

  /** Deliberately bad records sent so far. */
  public long badSent() {
    return badSent.get();
  }
}
