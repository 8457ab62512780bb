package io.chaoscast.loadtest;

import io.chaoscast.connectors.serde.ObservationJson;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.synthetic.MixedSignal;
import io.chaoscast.connectors.synthetic.Pacing;
import io.chaoscast.connectors.synthetic.SignalSource;
import io.chaoscast.models.systems.Lorenz63;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An open-loop load generator: {@code streams} streams of {@code channels} channels, each at {@code
 * ratePerStreamHz}, sent in 10 ms slices whatever the job does (a closed loop would hide overload).
 * Samples come from a precomputed table of a Lorenz63 trajectory mixed into the requested channels,
 * so generating data costs almost nothing next to JSON encoding and sending.
 */
public final class LoadGenerator implements Runnable {

  private static final int TABLE_SAMPLES = 4096;
  private static final long SLICE_NANOS = 10_000_000;

  private final String topic;
  private final Properties producerConfig;
  private final int streams;
  private final double ratePerStreamHz;
  private final double[][] table;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;

  public LoadGenerator(
      String topic, Properties producerConfig, int streams, int channels, double ratePerStreamHz) {
    if (streams < 1 || channels < 1 || !(ratePerStreamHz > 0)) {
      throw new IllegalArgumentException("streams, channels and rate must be positive");
    }
    this.topic = topic;
    this.producerConfig = producerConfig;
    this.streams = streams;
    this.ratePerStreamHz = ratePerStreamHz;
    SignalSource lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0);
    SignalSource signal = channels == 3 ? lorenz : new MixedSignal(lorenz, channels, 0.0, 1, "ch");
    this.table = new double[TABLE_SAMPLES][];
    for (int i = 0; i < TABLE_SAMPLES; i++) table[i] = signal.next();
  }

  @Override
  public void run() {
    Properties config = new Properties();
    config.putAll(producerConfig);
    config.putIfAbsent("linger.ms", "5");
    config.putIfAbsent("acks", "1");
    config.putIfAbsent("compression.type", "lz4");
    long intervalMs = Math.max(1, Math.round(1000.0 / ratePerStreamHz));
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long t0 = System.currentTimeMillis();
      long tick = 0; // samples sent per stream so far
      while (running) {
        long elapsed = System.nanoTime() - start;
        long due = (long) (elapsed / 1e9 * ratePerStreamHz);
        for (; tick < due && running; tick++) {
          double[] values = table[(int) (tick % TABLE_SAMPLES)];
          long ts = t0 + tick * intervalMs;
          for (int s = 0; s < streams; s++) {
            String stream = "load-" + s;
            producer.send(
                new ProducerRecord<>(
                    topic,
                    stream.getBytes(StandardCharsets.UTF_8),
                    ObservationJson.encode(stream, ts, values).getBytes(StandardCharsets.UTF_8)));
          }
          sent.addAndGet(streams);
        }
        Pacing.sleepNanos(SLICE_NANOS);
      }
    }
  }

  public void stop() {
    running = false;
  }

  public long sent() {
    return sent.get();
  }
}
