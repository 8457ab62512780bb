package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.json;
import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.models.systems.Lorenz63;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ingest half of the poison-proof promise, on the real broker and a MiniCluster: a battery of
 * hostile records, one of each class the parser and the event-time checks reject, arrives among
 * three healthy streams on the same partition. The job runs with restarts switched off, so a single
 * task failure fails the test; every healthy stream must be forecast on schedule before and after
 * the poison, and every hostile record must reach the dead-letter topic exactly once with its
 * reason, its original bytes and a short message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonRecordsIT {

  private static final int SAMPLES = 120;
  private static final long STEP_MS = 10;
  private static final int POISON_AT = 70; // after the first forecasts, before the last ones
  private static final List<String> HEALTHY = List.of("h0", "h1", "h2");
  private static final int MAX_RECORD_BYTES = 200_000;

  private KafkaFixture kafka;
  private TestTopics topics;
  private long t0;

  /** Each hostile record's key, with the reason it must be dead-lettered with and its value. */
  private final Map<String, String> reasonByKey = new LinkedHashMap<>();

  private final Map<String, byte[]> valueByKey = new HashMap<>();

  private List<ConsumerRecord<byte[], byte[]>> forecasts;
  private List<ConsumerRecord<byte[], byte[]>> deadLetters;

  @BeforeAll
  void runTheJobOverPoisonAmongHealthyStreams() throws Exception {
    kafka = KafkaFixture.start();
    topics = TestTopics.create(kafka, 1);
    kafka.produce(topics.observations(), input());

    var config =
        PipelineTestSupport.config(
            kafka, topics, 1, true, "limits: {max_record_bytes: " + MAX_RECORD_BYTES + "}");
    Configuration noRestarts = new Configuration();
    noRestarts.setString("restart-strategy.type", "none");
    // Throws if any task fails: with restarts off, zero restarts is the job finishing at all.
    ForecastingJob.fromConfig(config).execute(PipelineTestSupport.environment(1, noRestarts));

    Duration quiet = Duration.ofMillis(500);
    Duration timeout = Duration.ofSeconds(30);
    forecasts =
        kafka.readCommitted(
            topics.forecasts(), HEALTHY.size() * expectedForecasts(), quiet, timeout);
    deadLetters = kafka.readCommitted(topics.deadLetters(), reasonByKey.size(), quiet, timeout);
  }

  @AfterAll
  void stopKafka() throws Exception {
    kafka.close();
  }

  /** Forecasts are due when the 60-sample window first fills and every 10 samples after. */
  private static int expectedForecasts() {
    return (SAMPLES - 60) / 10 + 1;
  }

  private List<ProducerRecord<byte[], byte[]>> input() {
    t0 = System.currentTimeMillis() - 60_000;
    List<FlowSignal> signals = new ArrayList<>();
    for (int s = 0; s < HEALTHY.size(); s++) {
      signals.add(new FlowSignal(Lorenz63.classic(), 0.01, s + 1, 5.0));
    }
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      long ts = t0 + i * STEP_MS;
      for (int s = 0; s < HEALTHY.size(); s++) {
        String stream = HEALTHY.get(s);
        records.add(
            PipelineTestSupport.record(
                topics.observations(), stream, observation(stream, ts, signals.get(s).next())));
      }
      if (i == POISON_AT) poison(records, ts);
    }
    return records;
  }

  /** One record of each hostile class; {@code ts} is the healthy streams' current event time. */
  private void poison(List<ProducerRecord<byte[], byte[]>> records, long ts) {
    long now = System.currentTimeMillis();
    hostile(
        records,
        "invalid-utf8",
        "malformed_json",
        bytes('{', '"', 's', '"', ':', '"', 0xC3, 0x28, '"', '}'));
    hostile(
        records,
        "deep-nesting",
        "malformed_json",
        text(
            "{\"stream\":\"h0\",\"ts\":"
                + ts
                + ",\"values\":"
                + "[".repeat(50_000)
                + "1"
                + "]".repeat(50_000)
                + "}"));
    hostile(
        records,
        "duplicate-keys",
        "malformed_json",
        text("{\"stream\":\"h0\",\"stream\":\"h1\",\"ts\":" + ts + ",\"values\":[1,2,3]}"));
    hostile(records, "empty", "malformed_json", new byte[0]);
    hostile(records, "tombstone", "malformed_json", null);
    hostile(records, "not-an-object", "malformed_json", text("[1,2,3]"));
    hostile(
        records, "truncated", "malformed_json", text("{\"stream\":\"h0\",\"ts\":" + ts + ",\"val"));
    hostile(
        records, "missing-values", "missing_field", text("{\"stream\":\"h0\",\"ts\":" + ts + "}"));
    hostile(
        records,
        "ts-boolean",
        "invalid_field",
        text("{\"stream\":\"h0\",\"ts\":true,\"values\":[1,2,3]}"));
    hostile(
        records,
        "stream-number",
        "invalid_field",
        text("{\"stream\":7,\"ts\":" + ts + ",\"values\":[1,2,3]}"));
    hostile(
        records,
        "values-object",
        "invalid_field",
        text("{\"stream\":\"h1\",\"ts\":" + ts + ",\"values\":{\"a\":1}}"));
    hostile(
        records,
        "value-string",
        "invalid_field",
        text("{\"stream\":\"h1\",\"ts\":" + ts + ",\"values\":[1,\"x\",3]}"));
    hostile(
        records,
        "ts-year-999999999",
        "invalid_field",
        text("{\"stream\":\"h2\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"values\":[1,2,3]}"));
    hostile(
        records,
        "ts-long-min",
        "invalid_field",
        text("{\"stream\":\"h2\",\"ts\":" + Long.MIN_VALUE + ",\"values\":[1,2,3]}"));
    hostile(
        records,
        "ts-long-max",
        "invalid_field",
        text("{\"stream\":\"h2\",\"ts\":" + Long.MAX_VALUE + ",\"values\":[1,2,3]}"));
    hostile(
        records,
        "ts-huge-string",
        "invalid_field",
        text("{\"stream\":\"h2\",\"ts\":\"" + "9".repeat(150_000) + "\",\"values\":[1,2,3]}"));
    hostile(
        records,
        "stream-id-too-long",
        "invalid_field",
        text("{\"stream\":\"" + "s".repeat(300) + "\",\"ts\":" + ts + ",\"values\":[1]}"));
    hostile(
        records,
        "channel-name-too-long",
        "invalid_field",
        text(
            "{\"stream\":\"wide\",\"ts\":"
                + ts
                + ",\"values\":[1],\"channels\":[\""
                + "c".repeat(100)
                + "\"]}"));
    hostile(
        records,
        "too-many-channels",
        "invalid_field",
        text("{\"stream\":\"wide\",\"ts\":" + ts + ",\"values\":[" + "1,".repeat(5000) + "1]}"));
    hostile(
        records,
        "record-too-large",
        "record_too_large",
        text(
            "{\"stream\":\"h0\",\"ts\":"
                + ts
                + ",\"values\":[1,2,3],\"pad\":\""
                + "p".repeat(MAX_RECORD_BYTES)
                + "\"}"));
    hostile(
        records,
        "far-past",
        "timestamp_skew",
        text(observation("h0", now - 2 * 86_400_000L, 1, 2, 3)));
    // 30 min ahead: within the 1 h skew, so it used to reach the watermark and make every later
    // record on the partition late.
    hostile(
        records, "future", "future_timestamp", text(observation("h1", now + 1_800_000, 1, 2, 3)));
    // 50 s ahead: within the future bound, so it is used, but alone it must not move the watermark
    // past the healthy streams (it is not a dead letter: its own stream is "jumper").
    records.add(
        new ProducerRecord<>(
            topics.observations(),
            null,
            now,
            text("jumper"),
            text(observation("jumper", now + 50_000, 1))));
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
    return b;
  }

  private void hostile(
      List<ProducerRecord<byte[], byte[]>> records, String key, String reason, byte[] value) {
    reasonByKey.put(key, reason);
    valueByKey.put(key, value);
    records.add(
        new ProducerRecord<>(
            topics.observations(), null, System.currentTimeMillis(), text(key), value));
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldKeepForecastingEveryHealthyStreamOnScheduleThroughThePoison() {
    Map<String, List<Long>> issued = new HashMap<>();
    for (var r : forecasts) {
      var f = json(r.value());
      issued
          .computeIfAbsent(f.get("stream").asText(), k -> new ArrayList<>())
          .add(f.get("issued_at_millis").asLong());
    }
    assertThat(issued.keySet()).containsExactlyInAnyOrderElementsOf(HEALTHY);
    List<Long> schedule = new ArrayList<>();
    for (int i = 59; i < SAMPLES; i += 10) schedule.add(t0 + i * STEP_MS);
    for (String stream : HEALTHY) {
      // Samples 60..120 all used: the forecasts after the poison (80, 90, ...) are there too.
      assertThat(issued.get(stream)).as(stream).containsExactlyElementsOf(schedule);
    }
  }

  @Test
  void shouldDeadLetterEveryHostileRecordExactlyOnceWithItsReasonAndOriginalBytes() {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (var r : deadLetters) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      assertThat(reasons).as("dead letters for " + key).doesNotContainKey(key);
      reasons.put(key, header(r, DeadLetterSerializer.REASON_HEADER));
      assertThat(r.value()).as(key).isEqualTo(valueByKey.get(key));
      assertThat(header(r, DeadLetterSerializer.MESSAGE_HEADER))
          .as(key)
          .isNotBlank()
          .hasSizeLessThanOrEqualTo(200);
      assertThat(header(r, DeadLetterSerializer.TRUNCATED_HEADER)).as(key).isNull();
    }
    // No healthy record among them: none of them was made late by the poison.
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(reasonByKey);
  }
}
