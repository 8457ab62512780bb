package io.chaoscast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.serde.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A read-committed consumer of the job's output topics, as a user's service would be. It measures
 * end-to-end latency, defined as the time from an observation's Kafka record timestamp to the
 * moment the forecast it triggered is visible to this consumer, counts forecasts, dead letters and
 * open alerts, and averages the online skill (valid prediction time, sMAPE) of scored published
 * forecasts. Run it on its own thread; {@link #stop()} ends it.
 */
public final class LatencyProbe implements Runnable {

  private final Properties clientConfig;
  private final String forecastsTopic;
  private final String alertsTopic;
  private final String deadLettersTopic;
  private final String skillTopic;
  private final AtomicLong skillCount = new AtomicLong();
  private final java.util.concurrent.atomic.DoubleAdder vptStepsSum =
      new java.util.concurrent.atomic.DoubleAdder();
  private final java.util.concurrent.atomic.DoubleAdder smapeSum =
      new java.util.concurrent.atomic.DoubleAdder();
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final AtomicLong forecasts = new AtomicLong();
  private static final String LATE = DeadLetterReason.LATE.code();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong lateDeadLetters = new AtomicLong();
  private final AtomicLong alertEvents = new AtomicLong();
  private final AtomicLong openAlerts = new AtomicLong();
  private volatile boolean running = true;
  private final VisibilityLog visibility;

  /**
   * @param skill the forecast-skill topic, or null to ignore skill
   */
  public LatencyProbe(
      Properties clientConfig, String forecasts, String alerts, String deadLetters, String skill) {
    this(clientConfig, forecasts, alerts, deadLetters, skill, null);
  }

  /**
   * @param visibility where each forecast's visibility is logged, or null
   */
  public LatencyProbe(
      Properties clientConfig,
      String forecasts,
      String alerts,
      String deadLetters,
      String skill,
      VisibilityLog visibility) {
    this.visibility = visibility;
    this.clientConfig = clientConfig;
    this.forecastsTopic = forecasts;
    this.alertsTopic = alerts;
    this.deadLettersTopic = deadLetters;
    this.skillTopic = skill;
  }

  @Override
  public void run() {
    Properties config = new Properties();
    config.putAll(clientConfig);
    config.put("group.id", "chaoscast-probe-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    config.put("enable.auto.commit", "false");
    config.put("isolation.level", "read_committed");
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<String> topics =
          new java.util.ArrayList<>(List.of(forecastsTopic, alertsTopic, deadLettersTopic));
      if (skillTopic != null) topics.add(skillTopic);
      consumer.subscribe(topics);
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (r.topic().equals(forecastsTopic)) onForecast(r.value(), now);
          else if (r.topic().equals(alertsTopic)) onAlert(r.value());
          else if (r.topic().equals(skillTopic)) onSkill(r.value());
          else onDeadLetter(r);
        }
        if (visibility != null) visibility.flush();
      }
    }
  }

  private void onDeadLetter(ConsumerRecord<byte[], byte[]> r) {
    deadLetters.incrementAndGet();
    Header reason = r.headers().lastHeader(DeadLetterSerializer.REASON_HEADER);
    if (reason != null && LATE.equals(new String(reason.value(), StandardCharsets.UTF_8))) {
      lateDeadLetters.incrementAndGet();
    }
  }

  private void onForecast(byte[] value, long now) {
    forecasts.incrementAndGet();
    JsonNode json = read(value);
    long observedAt =
        json == null ? -1 : json.path("observation_kafka_timestamp_millis").asLong(-1);
    if (observedAt <= 0) return;
    latencies.record(now - observedAt);
    if (visibility != null) visibility.record(now, observedAt, json.path("stream").asText("?"));
  }

  private void onAlert(byte[] value) {
    alertEvents.incrementAndGet();
    JsonNode json = read(value);
    if (json == null) return;
    if ("OPEN".equals(json.path("state").asText())) openAlerts.incrementAndGet();
    else if ("RESOLVED".equals(json.path("state").asText())) openAlerts.decrementAndGet();
  }

  private void onSkill(byte[] value) {
    JsonNode json = read(value);
    if (json == null || !isPublished(json)) return;
    vptStepsSum.add(json.path("vpt_steps").asDouble());
    smapeSum.add(json.path("smape").asDouble());
    skillCount.incrementAndGet();
  }

  /**
   * Whether a skill record scores a published forecast: a challenger's are scored too (for the
   * promotion stage), but its forecasts never reach a consumer, so they stay out of the figures a
   * user reads (records written before the role field count as published).
   */
  static boolean isPublished(JsonNode skill) {
    return !"challenger".equals(skill.path("role").asText());
  }

  /** Published forecasts scored so far. */
  public long scored() {
    return skillCount.get();
  }

  /** Mean valid prediction time over the scored forecasts, in steps (NaN before the first). */
  public double meanVptSteps() {
    long n = skillCount.get();
    return n == 0 ? Double.NaN : vptStepsSum.sum() / n;
  }

  /** Mean sMAPE (0-200) over the scored forecasts (NaN before the first). */
  public double meanSmape() {
    long n = skillCount.get();
    return n == 0 ? Double.NaN : smapeSum.sum() / n;
  }

  private static JsonNode read(byte[] value) {
    try {
      return Json.mapper().readTree(value);
    } catch (IOException e) {
      return null;
    }
  }

  public void stop() {
    running = false;
  }

  public long forecasts() {
    return forecasts.get();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  /**
   * Of {@link #deadLetters}, those with reason {@code late}: records the generator itself sent
   * behind the watermark (after the machine stalled its thread, it sends the overdue samples slot
   * by slot), not malformed ones.
   */
  public long lateDeadLetters() {
    return lateDeadLetters.get();
  }

  public long alertEvents() {
    return alertEvents.get();
  }

  public long openAlerts() {
    return openAlerts.get();
  }

  public LatencyRecorder latencies() {
    return latencies;
  }

  /** Latency samples with nearest-rank percentiles; keeps every sample (a demo is minutes long). */
  public static final class LatencyRecorder {
    private long[] samples = new long[1024];
    private int count;

    public synchronized void record(long millis) {
      if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
      samples[count++] = millis;
    }

    /** Nearest-rank percentile of the samples since {@code from}, or NaN when there are none. */
    public synchronized double percentile(double p, int from) {
      int n = count - from;
      if (n <= 0) return Double.NaN;
      long[] sorted = Arrays.copyOfRange(samples, from, count);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100.0 * n);
      return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    public synchronized int count() {
      return count;
    }

    public Map<String, Double> summary(int from) {
      return Map.of("p50", percentile(50, from), "p99", percentile(99, from));
    }
  }
}
