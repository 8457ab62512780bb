package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.json;
import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Rossler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The whole job against a real broker: a known mix of good and bad observations goes in; the test
 * checks every forecast, every dead letter and that nothing else comes out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastingJobIT {

  private static final int SAMPLES = 120;
  private static final long STEP_MS = 10;

  private KafkaFixture kafka;
  private TestTopics topics;

  /** Value bytes of each bad record sent, by the reason it must be rejected with. */
  private final Map<String, String> badByReason = new HashMap<>();

  private List<ConsumerRecord<byte[], byte[]>> forecasts;
  private List<ConsumerRecord<byte[], byte[]>> alerts;
  private List<ConsumerRecord<byte[], byte[]>> deadLetters;
  private List<ConsumerRecord<byte[], byte[]>> skill;
  private long t0;

  @BeforeAll
  void runJobOverAKnownInput() throws Exception {
    kafka = KafkaFixture.start();
    topics = TestTopics.create(kafka, 1);
    kafka.produce(topics.observations(), input());

    var config = PipelineTestSupport.config(kafka, topics, 1, true, "");
    ForecastingJob.fromConfig(config)
        .execute(PipelineTestSupport.environment(1, new Configuration()));

    Duration quiet = Duration.ofMillis(500);
    Duration timeout = Duration.ofSeconds(30);
    forecasts = kafka.readCommitted(topics.forecasts(), 13, quiet, timeout);
    deadLetters = kafka.readCommitted(topics.deadLetters(), badByReason.size(), quiet, timeout);
    alerts = kafka.readCommitted(topics.alerts(), 0, quiet, Duration.ofSeconds(3));
    skill = kafka.readCommitted(topics.skill(), 12, quiet, timeout);
  }

  @AfterAll
  void stopKafka() throws Exception {
    kafka.close();
  }

  /**
   * Lorenz63 (3 channels) and Rossler (3 channels), 120 samples each, 10 ms apart, interleaved, and
   * eight bad records: one of each dead-letter reason.
   */
  private List<ProducerRecord<byte[], byte[]>> input() {
    String obs = topics.observations();
    var lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0);
    var rossler = new FlowSignal(Rossler.classic(), 0.05, 2, 50.0);
    t0 = System.currentTimeMillis() - 60_000;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      long ts = t0 + i * STEP_MS;
      double[] l = lorenz.next();
      if (i == 30) {
        bad(
            records,
            "non_finite_value",
            "lorenz",
            observation("lorenz", ts, l[0], Double.NaN, l[2]));
      } else {
        records.add(PipelineTestSupport.record(obs, "lorenz", observation("lorenz", ts, l)));
      }
      double[] r = rossler.next();
      records.add(PipelineTestSupport.record(obs, "rossler", observation("rossler", ts, r)));
      if (i == 40) {
        bad(records, "duplicate_timestamp", "rossler", observation("rossler", ts, 1, 2, 3));
        bad(records, "channel_count_mismatch", "rossler", observation("rossler", ts + 5, 1, 2));
        bad(records, "malformed_json", "lorenz", "{\"stream\": \"lorenz\", \"ts\": ");
        bad(records, "missing_field", "lorenz", "{\"stream\": \"lorenz\", \"ts\": " + ts + "}");
        bad(
            records,
            "invalid_field",
            "lorenz",
            "{\"stream\": \"lorenz\", \"ts\": " + ts + ", \"values\": [\"a\"]}");
        bad(
            records,
            "timestamp_skew",
            "lorenz",
            observation("lorenz", ts - 86_400_000L * 2, 1, 2, 3));
      }
    }
    // Far behind the watermark by now.
    bad(records, "late", "lorenz", observation("lorenz", t0 + 3, 1, 2, 3));
    return records;
  }

  private void bad(
      List<ProducerRecord<byte[], byte[]>> records, String reason, String stream, String json) {
    badByReason.put(reason, json);
    records.add(PipelineTestSupport.record(topics.observations(), stream, json));
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Forecasts are due when the window first fills (sample 60) and every 10 samples after. */
  private static int expectedForecasts(int acceptedSamples) {
    return acceptedSamples < 60 ? 0 : (acceptedSamples - 60) / 10 + 1;
  }

  @Test
  void shouldForecastEveryStreamOnScheduleWithTheConfiguredShape() {
    Map<String, List<JsonNode>> byStream = new HashMap<>();
    for (var r : forecasts) {
      JsonNode f = json(r.value());
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(f.get("stream").asText());
      byStream.computeIfAbsent(f.get("stream").asText(), k -> new ArrayList<>()).add(f);
    }
    assertThat(byStream.keySet()).containsExactlyInAnyOrder("lorenz", "rossler");
    assertThat(byStream.get("lorenz")).hasSize(expectedForecasts(SAMPLES - 1)); // one NaN record
    assertThat(byStream.get("rossler")).hasSize(expectedForecasts(SAMPLES));

    // Rossler has no rejected samples, so its forecasts are issued at samples 60, 70, ... exactly.
    assertThat(byStream.get("rossler"))
        .extracting(f -> f.get("issued_at_millis").asLong())
        .containsExactly(
            t0 + 59 * STEP_MS,
            t0 + 69 * STEP_MS,
            t0 + 79 * STEP_MS,
            t0 + 89 * STEP_MS,
            t0 + 99 * STEP_MS,
            t0 + 109 * STEP_MS,
            t0 + 119 * STEP_MS);

    for (var list : byStream.values()) {
      for (JsonNode f : list) {
        assertThat(f.get("model_id").asText()).isEqualTo("nvar-k2-s1@1");
        assertThat(f.get("horizon_steps").asInt()).isEqualTo(5);
        assertThat(f.get("sample_interval_millis").asDouble()).isEqualTo(10.0);
        JsonNode values = f.get("values");
        assertThat(values).hasSize(5);
        for (JsonNode row : values) {
          assertThat(row).hasSize(3);
          row.forEach(v -> assertThat(v.isNumber() && Double.isFinite(v.asDouble())).isTrue());
        }
      }
    }
  }

  @Test
  void shouldSendEveryBadRecordToTheDeadLettersWithItsReasonAndOriginalBytes() {
    Map<String, String> seen = new HashMap<>();
    for (var r : deadLetters) {
      seen.put(
          header(r, DeadLetterSerializer.REASON_HEADER),
          new String(r.value(), StandardCharsets.UTF_8));
      assertThat(header(r, DeadLetterSerializer.MESSAGE_HEADER)).isNotBlank();
      assertThat(header(r, DeadLetterSerializer.TOPIC_HEADER)).isEqualTo(topics.observations());
    }
    assertThat(deadLetters).hasSize(badByReason.size());
    assertThat(seen).isEqualTo(badByReason);
  }

  @Test
  void shouldScoreEveryForecastThatHasActualsAgainstThem() {
    Map<String, JsonNode> forecastsByKey = new HashMap<>();
    for (var r : forecasts) {
      JsonNode f = json(r.value());
      forecastsByKey.put(f.get("stream").asText() + "@" + f.get("issued_at_millis").asLong(), f);
    }
    long lastSample = t0 + (SAMPLES - 1) * STEP_MS;
    // Every forecast is scored except one issued at its stream's very last sample (no actuals).
    long scoreable =
        forecastsByKey.values().stream()
            .filter(f -> f.get("issued_at_millis").asLong() < lastSample)
            .count();
    assertThat(scoreable)
        .isEqualTo(forecasts.size() - 1); // rossler's last forecast is at sample 120
    assertThat(skill).hasSize((int) scoreable);
    for (var r : skill) {
      JsonNode s = json(r.value());
      long issued = s.get("issued_at_millis").asLong();
      assertThat(forecastsByKey).containsKey(s.get("stream").asText() + "@" + issued);
      int expectedSteps = (int) Math.min(5, (lastSample - issued) / STEP_MS);
      assertThat(s.get("evaluated_steps").asInt()).isEqualTo(expectedSteps);
      assertThat(s.get("smape_by_step")).hasSize(expectedSteps);
      assertThat(s.get("vpt_steps").asInt()).isBetween(0, expectedSteps);
      assertThat(s.get("smape").asDouble()).isBetween(0.0, 200.0);
    }
  }

  @Test
  void shouldEmitNoAlertsForACleanSignal() {
    assertThat(alerts).isEmpty();
  }
}
