package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Rossler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * Operator-level poison among healthy streams, on the real broker: a stream of 4096 channels (NVAR
 * would need a matrix larger than Java can index), one of 30 (NVAR would stall the subtask for
 * seconds per window), one of values near the double range (NVAR's forecasts overflow), and one
 * whose first record has the wrong channel count. The job runs with no restart strategy, so any
 * failure fails the test: it must finish with zero restarts, forecast every healthy stream on
 * schedule, write only strict JSON and dead-letter each unusable record exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonStreamsIT {

  private static final int SAMPLES = 120;
  private static final int WIDE_SAMPLES = 70;
  private static final long STEP_MS = 10;

  /** A strict consumer: Jackson's defaults reject the NaN and Infinity tokens. */
  private static final ObjectMapper STRICT = new ObjectMapper();

  private KafkaFixture kafka;
  private TestTopics topics;
  private List<ConsumerRecord<byte[], byte[]>> forecasts;
  private List<ConsumerRecord<byte[], byte[]>> alerts;
  private List<ConsumerRecord<byte[], byte[]>> deadLetters;
  private List<ConsumerRecord<byte[], byte[]>> skill;

  @BeforeAll
  void runTheJobOverPoisonAndHealthyStreams() throws Exception {
    kafka = KafkaFixture.start();
    topics = TestTopics.create(kafka, 1);
    kafka.produce(topics.observations(), input());

    var config = PipelineTestSupport.config(kafka, topics, 1, true, "");
    Configuration noRestarts = new Configuration();
    noRestarts.setString("restart-strategy.type", "none");
    ForecastingJob.fromConfig(config).execute(PipelineTestSupport.environment(1, noRestarts));

    Duration quiet = Duration.ofMillis(500);
    Duration timeout = Duration.ofSeconds(30);
    forecasts = kafka.readCommitted(topics.forecasts(), 30, quiet, timeout);
    deadLetters = kafka.readCommitted(topics.deadLetters(), 2, quiet, timeout);
    alerts = kafka.readCommitted(topics.alerts(), 1, quiet, Duration.ofSeconds(5));
    skill = kafka.readCommitted(topics.skill(), 1, quiet, timeout);
  }

  @AfterAll
  void stopKafka() throws Exception {
    kafka.close();
  }

  private List<ProducerRecord<byte[], byte[]>> input() {
    String obs = topics.observations();
    var lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0);
    var rossler = new FlowSignal(Rossler.classic(), 0.05, 2, 50.0);
    long t0 = System.currentTimeMillis() - 60_000;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      long ts = t0 + i * STEP_MS;
      records.add(
          PipelineTestSupport.record(obs, "lorenz", observation("lorenz", ts, lorenz.next())));
      records.add(
          PipelineTestSupport.record(obs, "rossler", observation("rossler", ts, rossler.next())));
      records.add(
          PipelineTestSupport.record(obs, "wide-30", observation("wide-30", ts, wave(i, 30))));
      double big = i % 2 == 0 ? 1e307 : -1e307;
      records.add(
          PipelineTestSupport.record(obs, "extreme", observation("extreme", ts, big, -big, big)));
      // the first record has two channels, every later one three
      double[] v = i == 0 ? new double[] {1, 2} : wave(i, 3);
      records.add(
          PipelineTestSupport.record(obs, "wrong-first", observation("wrong-first", ts, v)));
      if (i < WIDE_SAMPLES) {
        records.add(
            PipelineTestSupport.record(
                obs, "wide-4096", observation("wide-4096", ts, wave(i, 4096))));
      }
    }
    return records;
  }

  private static double[] wave(int i, int channels) {
    double[] v = new double[channels];
    for (int c = 0; c < channels; c++) v[c] = Math.sin(0.1 * i + c) + 0.01 * c;
    return v;
  }

  /** Forecasts are due when the window first fills (sample 60) and every 10 samples after. */
  private static int expectedForecasts(int acceptedSamples) {
    return acceptedSamples < 60 ? 0 : (acceptedSamples - 60) / 10 + 1;
  }

  private static JsonNode strict(ConsumerRecord<byte[], byte[]> r) {
    try {
      return STRICT.readTree(r.value());
    } catch (IOException e) {
      throw new UncheckedIOException(new String(r.value(), StandardCharsets.UTF_8), e);
    }
  }

  private static void assertNoNonFiniteText(JsonNode node) {
    if (node.isTextual()) {
      assertThat(node.asText()).isNotIn("NaN", "Infinity", "-Infinity");
    }
    node.forEach(PoisonStreamsIT::assertNoNonFiniteText);
  }

  private Map<String, List<JsonNode>> forecastsByStream() {
    Map<String, List<JsonNode>> byStream = new HashMap<>();
    for (var r : forecasts) {
      JsonNode f = strict(r);
      byStream.computeIfAbsent(f.get("stream").asText(), k -> new ArrayList<>()).add(f);
    }
    return byStream;
  }

  @Test
  void shouldKeepForecastingEveryHealthyStreamOnSchedule() {
    var byStream = forecastsByStream();
    assertThat(byStream.get("lorenz")).hasSize(expectedForecasts(SAMPLES));
    assertThat(byStream.get("rossler")).hasSize(expectedForecasts(SAMPLES));
    for (var f : byStream.get("lorenz")) {
      assertThat(f.get("model_id").asText()).isEqualTo("nvar-k2-s1@1");
    }
  }

  @Test
  void shouldServePersistenceToStreamsTooWideForTheModel() {
    var byStream = forecastsByStream();
    String persistence = new PersistenceForecaster().id();
    assertThat(byStream.get("wide-30")).hasSize(expectedForecasts(SAMPLES));
    assertThat(byStream.get("wide-4096")).hasSize(expectedForecasts(WIDE_SAMPLES));
    for (String stream : List.of("wide-30", "wide-4096")) {
      for (var f : byStream.get(stream)) {
        assertThat(f.get("model_id").asText()).isEqualTo(persistence);
      }
    }
    assertThat(byStream.get("wide-4096").get(0).get("values").get(0)).hasSize(4096);
  }

  @Test
  void shouldRecoverTheStreamWhoseFirstRecordHadTheWrongChannelCount() {
    // records 2 and 3 are rejected, the fourth re-learns the count: 117 accepted 3-channel samples
    assertThat(forecastsByStream().get("wrong-first")).hasSize(expectedForecasts(SAMPLES - 3));
  }

  @Test
  void shouldWriteOnlyStrictJsonWithFiniteNumbers() {
    for (var topic : List.of(forecasts, alerts, skill)) {
      for (var r : topic) assertNoNonFiniteText(strict(r));
    }
    for (var list : forecastsByStream().values()) {
      for (JsonNode f : list) {
        for (JsonNode row : f.get("values")) {
          row.forEach(v -> assertThat(v.isNumber() && Double.isFinite(v.asDouble())).isTrue());
        }
      }
    }
  }

  @Test
  void shouldDeadLetterEachUnusableRecordOnce() {
    var offsets = new HashSet<String>();
    for (var r : deadLetters) {
      assertThat(r.headers().lastHeader(DeadLetterSerializer.REASON_HEADER).value())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("channel_count_mismatch");
      assertThat(r.headers().lastHeader(DeadLetterSerializer.STREAM_HEADER).value())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("wrong-first");
      offsets.add(
          new String(
              r.headers().lastHeader(DeadLetterSerializer.OFFSET_HEADER).value(),
              StandardCharsets.UTF_8));
    }
    assertThat(deadLetters).hasSize(2);
    assertThat(offsets).hasSize(2);
  }

  @Test
  void shouldAlertOnceThatTheChannelCountWasRelearned() {
    var kinds =
        alerts.stream()
            .map(PoisonStreamsIT::strict)
            .map(
                a ->
                    a.get("stream").asText()
                        + " "
                        + a.get("kind").asText()
                        + " "
                        + a.get("state").asText())
            .toList();
    assertThat(kinds)
        .contains(
            "wrong-first CHANNEL_COUNT_CHANGE OPEN", "wrong-first CHANNEL_COUNT_CHANGE RESOLVED")
        .noneMatch(k -> k.contains("STREAM_QUARANTINED"));
  }
}
