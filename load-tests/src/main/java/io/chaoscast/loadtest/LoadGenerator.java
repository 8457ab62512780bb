package io.chaoscast.loadtest;

import io.chaoscast.connectors.serde.ObservationJson;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.synthetic.MixedSignal;
import io.chaoscast.connectors.synthetic.Pacing;
import io.chaoscast.connectors.synthetic.SignalSource;
import io.chaoscast.models.systems.Lorenz63;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An open-loop load generator for a {@link LoadProfile}: every stream sends at its own rate, in 10
 * ms slices, whatever the job does (a closed loop would hide overload). Samples come from a
 * precomputed table of a Lorenz63 trajectory mixed into the profile's channels, so generating data
 * costs almost nothing next to JSON encoding and sending. A seeded random choice replaces the
 * profile's fraction of records by malformed ones, in turn unparseable JSON, a record without
 * values, and one whose value is not a number.
 */
public final class LoadGenerator implements Runnable {

  private static final int TABLE_SAMPLES = 4096;
  private static final long SLICE_NANOS = 10_000_000;

  private final String topic;
  private final Properties producerConfig;
  private final LoadProfile profile;
  private final double[][] table;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile boolean running = true;

  public LoadGenerator(String topic, Properties producerConfig, LoadProfile profile) {
    this.topic = topic;
    this.producerConfig = producerConfig;
    this.profile = profile;
    SignalSource lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0);
    int channels = profile.channels();
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
    double[] rates = profile.ratesHz();
    String[] ids = new String[rates.length];
    for (int s = 0; s < ids.length; s++) ids[s] = "load-" + s;
    long[] ticks = new long[rates.length]; // samples sent per stream so far
    SplittableRandom random = new SplittableRandom(1);
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long t0 = System.currentTimeMillis();
      while (running) {
        double elapsedS = (System.nanoTime() - start) / 1e9;
        for (int s = 0; s < rates.length && running; s++) {
          long due = (long) (elapsedS * rates[s]);
          for (; ticks[s] < due; ticks[s]++) {
            long ts = t0 + Math.round(ticks[s] * 1000.0 / rates[s]);
            double[] values = table[(int) (ticks[s] % TABLE_SAMPLES)];
            String json =
                random.nextDouble() < profile.badFraction()
                    ? malformed(ids[s], ts, malformed.getAndIncrement())
                    : ObservationJson.encode(ids[s], ts, values);
            producer.send(
                new ProducerRecord<>(
                    topic,
                    ids[s].getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8)));
            sent.incrementAndGet();
          }
        }
        Pacing.sleepNanos(SLICE_NANOS);
      }
    }
  }

  /** The n-th malformed record: cut-off JSON, no values, or a value that is not a number. */
  private static String malformed(String stream, long ts, long n) {
    var json = ObservationJson.toJson(stream, ts, new double[] {1.0}, null);
    return switch ((int) (n % 3)) {
      case 0 -> json.toString().substring(0, json.toString().length() / 2);
      case 1 -> json.without("values").toString();
      default -> {
        json.putArray("values").add("x");
        yield json.toString();
      }
    };
  }

  public void stop() {
    running = false;
  }

  /** Records sent, malformed ones included. */
  public long sent() {
    return sent.get();
  }

  public long malformed() {
    return malformed.get();
  }
}
