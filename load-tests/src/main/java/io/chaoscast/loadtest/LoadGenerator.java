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
 * values, and one whose value is not a number; a {@link Soak} load adds the other hostile classes
 * of {@link Hostile} and moves every odd stream slot through {@code distinctStreams} stream ids
 * over the run, so that the job keeps meeting new streams and has to forget old ones.
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
  private final Soak soak;
  private volatile boolean running = true;

  /**
   * A soak test's extra hostility.
   *
   * @param distinctStreams stream ids the odd slots rotate through (0: each slot keeps its own id;
   *     even slots always do)
   * @param samplesPerId samples a slot sends under one id before it moves to the next
   */
  public record Soak(int distinctStreams, long samplesPerId) {
    public static final Soak NONE = new Soak(0, 1);

    public Soak {
      if (distinctStreams < 0 || samplesPerId < 1) throw new IllegalArgumentException("bad soak");
    }
  }

  /** The hostile record classes: the first three are the plain load test's malformed records. */
  public enum Hostile {
    CUT_JSON,
    NO_VALUES,
    NOT_A_NUMBER,
    /** An event time in the year 9999, or before 1970. */
    EXTREME_TIMESTAMP,
    /** A stream id of 100,000 characters. */
    OVERSIZED_STREAM_ID,
    /** A channel name of 100,000 characters. */
    OVERSIZED_CHANNEL_NAME,
    /** A record with 10,000 channels. */
    WIDE_RECORD,
    /** A value that is null (not finite). */
    NON_FINITE,
    /** A record a minute behind its stream (late). */
    LATE
  }

  public LoadGenerator(String topic, Properties producerConfig, LoadProfile profile) {
    this(topic, producerConfig, profile, Soak.NONE);
  }

  public LoadGenerator(String topic, Properties producerConfig, LoadProfile profile, Soak soak) {
    this.soak = soak;
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
            // In a soak, odd slots churn through new ids while even slots stay one stream each: a
            // stable fleet that is forecast throughout, beside the producers that invent ids.
            String id =
                soak.distinctStreams() == 0 || s % 2 == 0
                    ? ids[s]
                    : rotatingId(s / 2, ticks[s], ids.length / 2);
            String json =
                random.nextDouble() < profile.badFraction()
                    ? hostile(id, ts, malformed.getAndIncrement())
                    : ObservationJson.encode(id, ts, values);
            producer.send(
                new ProducerRecord<>(
                    topic,
                    id.getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8)));
            sent.incrementAndGet();
          }
        }
        Pacing.sleepNanos(SLICE_NANOS);
      }
    }
  }

  /**
   * Rotating slot s's id at its tick-th sample: the rotating slots walk through the distinct ids
   * together.
   */
  private String rotatingId(int slot, long tick, int slots) {
    long generation = tick / soak.samplesPerId();
    return "soak-" + Math.floorMod(slot + generation * slots, (long) soak.distinctStreams());
  }

  /**
   * The n-th hostile record: the classes of {@link Hostile} in turn (the first three unless soak).
   */
  private String hostile(String stream, long ts, long n) {
    int classes = soak == Soak.NONE ? 3 : Hostile.values().length;
    return hostile(Hostile.values()[(int) (n % classes)], stream, ts);
  }

  /** A record of one hostile class. */
  public static String hostile(Hostile kind, String stream, long ts) {
    var json = ObservationJson.toJson(stream, ts, new double[] {1.0}, null);
    switch (kind) {
      case CUT_JSON -> {
        return json.toString().substring(0, json.toString().length() / 2);
      }
      case NO_VALUES -> json.remove("values");
      case NOT_A_NUMBER -> json.putArray("values").add("x");
      case EXTREME_TIMESTAMP -> json.put("ts", (ts & 1) == 0 ? 253_402_300_799_000L : -1L);
      case OVERSIZED_STREAM_ID -> json.put("stream", "s".repeat(100_000));
      case OVERSIZED_CHANNEL_NAME -> json.putArray("channels").add("c".repeat(100_000));
      case WIDE_RECORD -> {
        var values = json.putArray("values");
        for (int i = 0; i < 10_000; i++) values.add(i);
      }
      case NON_FINITE -> json.putArray("values").addNull();
      case LATE -> json.put("ts", ts - 60_000);
    }
    return json.toString();
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
