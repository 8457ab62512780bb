package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.loadtest.PrometheusScrape;
import io.chaoscast.models.systems.Lorenz63;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Promotion and demotion on the real broker, with the switches going round through the promotions
 * topic: a challenger that forecasts its stream better than the champion takes over only once both
 * were scored min_scored times and it beat the margin; a challenger that does not beat its champion
 * never takes over; a champion whose skill collapses is demoted to the default model. Every switch
 * is on the promotions topic with its evidence, and the stream's forecasts follow it.
 */
class PromotionIT {

  private static final int MIN_SCORED = 8;
  private static final double MARGIN = 0.2;

  /** Lorenz63 at 0.05 time units per sample: persistence is poor 5 steps ahead, NVAR is not. */
  private static final String PROMOTED = "fast";

  /** The same signal, routed to NVAR with persistence as its challenger: never switched. */
  private static final String KEPT = "kept";

  /**
   * Periodic for the first phase (context parroting continues it exactly), noise after it: every
   * model collapses there, parroting included.
   */
  private static final String COLLAPSING = "shift";

  private static final int PERIOD = 20;

  private final Map<String, FlowSignal> signals = new LinkedHashMap<>();
  private final Random noise = new Random(7);
  private long t0;

  @Test
  void shouldPromoteAChallengerOnlyAfterItBeatsTheChampionAndDemoteACollapsedChampion()
      throws Exception {
    signals.put(PROMOTED, new FlowSignal(Lorenz63.classic(), 0.05, 1, 5.0));
    signals.put(KEPT, new FlowSignal(Lorenz63.classic(), 0.05, 2, 5.0));
    signals.put(COLLAPSING, new FlowSignal(Lorenz63.classic(), 0.05, 3, 5.0));
    t0 = System.currentTimeMillis() - 120_000;
    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 1);
      String promotions = "promotions-" + UUID.randomUUID().toString().substring(0, 8);
      kafka.createTopics(1, promotions);
      JobConfig base =
          PipelineTestSupport.config(
              kafka,
              topics,
              1,
              false,
              """
              promotion: {min_scored: %d, margin: %s, memory: %d, collapse_fraction: 0.5}
              drift: {enabled: false}
              routing:
                - {match: %s, model: persistence, challenger: nvar}
                - {match: %s, model: nvar, challenger: persistence}
                - {match: %s, model: parrot}
              """
                  .formatted(MIN_SCORED, MARGIN, 2 * MIN_SCORED, PROMOTED, KEPT, COLLAPSING));
      var t = base.topics();
      JobConfig config =
          base.withTopics(
              new JobConfig.TopicNames(
                  t.observations(),
                  t.forecasts(),
                  t.alerts(),
                  t.deadLetters(),
                  t.skill(),
                  t.models(),
                  promotions));
      int metricsPort = PipelineTestSupport.freePort();
      var env =
          PipelineTestSupport.environment(1, PipelineTestSupport.prometheusReporter(metricsPort));
      var job = ForecastingJob.fromConfig(config);
      job.configure(env);
      job.build(env);
      JobClient client = env.executeAsync(ForecastingJob.JOB_NAME);
      try {
        // Phase 1: the shifting stream is periodic, parroting serves it exactly.
        produce(kafka, topics.observations(), 0, 300, true);
        JsonNode promoted =
            awaitSwitch(kafka, promotions, PROMOTED, topics.skill(), topics.forecasts());
        assertThat(promoted.get("kind").asText()).isEqualTo("PROMOTED");
        assertThat(promoted.get("champion").asText()).isEqualTo("nvar");
        assertThat(promoted.get("challenger").asText()).isEqualTo("persistence");
        JsonNode chosen = promoted.get("chosen");
        JsonNode replaced = promoted.get("replaced");
        assertThat(chosen.get("model").asText()).isEqualTo("nvar");
        assertThat(chosen.get("scored").asInt()).isGreaterThanOrEqualTo(MIN_SCORED);
        assertThat(replaced.get("scored").asInt()).isGreaterThanOrEqualTo(MIN_SCORED);
        assertThat(chosen.get("vpt_steps").asDouble())
            .isGreaterThan((1 + MARGIN) * replaced.get("vpt_steps").asDouble());
        long promotedAt = promoted.get("at_millis").asLong();
        // Only after it beat the champion: every forecast published up to the decision was the
        // champion's, and the challenger had been scored at least min_scored times by then.
        List<JsonNode> skill = PipelineTestSupport.committed(kafka, topics.skill(), 1);
        assertThat(
                skill.stream()
                    .filter(s -> s.get("stream").asText().equals(PROMOTED))
                    .filter(s -> s.get("issued_at_millis").asLong() <= promotedAt)
                    .filter(s -> s.get("model").asText().equals("nvar"))
                    .filter(s -> s.get("role").asText().equals("challenger"))
                    .count())
            .isGreaterThanOrEqualTo(MIN_SCORED);

        awaitMetric(metricsPort, "model_switches_applied", 1);
        // Phase 2: the promoted model serves; the shifting stream turns to noise.
        produce(kafka, topics.observations(), 300, 600, false);
        JsonNode demoted =
            awaitSwitch(kafka, promotions, COLLAPSING, topics.skill(), topics.forecasts());
        assertThat(demoted.get("kind").asText()).isEqualTo("DEMOTED");
        assertThat(demoted.get("champion").asText()).isEqualTo("nvar");
        assertThat(demoted.get("challenger").asText()).isEqualTo("parrot");
        JsonNode collapsed = demoted.get("replaced");
        assertThat(collapsed.get("model").asText()).isEqualTo("parrot");
        assertThat(collapsed.get("peak_vpt_steps").asDouble()).isGreaterThan(3.0);
        assertThat(collapsed.get("scored").asInt()).isGreaterThanOrEqualTo(MIN_SCORED);
        assertThat(collapsed.get("vpt_steps").asDouble())
            .isLessThan(0.5 * collapsed.get("peak_vpt_steps").asDouble());
        assertThat(index(demoted.get("at_millis").asLong()))
            .as("demoted after the shift")
            .isGreaterThanOrEqualTo(300);

        awaitMetric(metricsPort, "model_switches_applied", 2);
        // Phase 3: the default model serves the demoted stream.
        produce(kafka, topics.observations(), 600, 700, false);
        List<JsonNode> forecasts =
            awaitForecasts(kafka, topics.forecasts(), f -> index(f) >= 689, 3);

        assertThat(models(forecasts, PROMOTED, i -> i <= index(promotedAt)))
            .containsOnly("persistence");
        assertThat(models(forecasts, PROMOTED, i -> i >= 600)).containsOnly("nvar");
        assertThat(models(forecasts, COLLAPSING, i -> i < 300)).containsOnly("parrot");
        assertThat(models(forecasts, COLLAPSING, i -> i >= 600)).containsOnly("nvar");
        assertThat(models(forecasts, KEPT, i -> true)).containsOnly("nvar");
        assertThat(forecasts)
            .filteredOn(f -> f.get("model").asText().equals("nvar"))
            .allMatch(f -> f.get("model_id").asText().startsWith("nvar-k2-s1@"));
        List<JsonNode> switches = PipelineTestSupport.committed(kafka, promotions, 2);
        assertThat(switches)
            .as("one switch each; none for %s", KEPT)
            .extracting(s -> s.get("stream").asText())
            .containsExactlyInAnyOrder(PROMOTED, COLLAPSING);
        assertThat(PrometheusScrape.of(metricsPort).sum(metric("model_promotions"))).isEqualTo(1);
        assertThat(PrometheusScrape.of(metricsPort).sum(metric("model_demotions"))).isEqualTo(1);
      } finally {
        client.cancel().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private void produce(KafkaFixture kafka, String topic, int from, int to, boolean periodic) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      long ts = t0 + 10L * i;
      for (var e : signals.entrySet()) {
        double phase = 2 * Math.PI * i / PERIOD;
        double[] x =
            e.getKey().equals(COLLAPSING) && periodic
                ? new double[] {
                  10 * Math.sin(phase), 10 * Math.cos(phase), 20 + 5 * Math.sin(2 * phase)
                }
                : e.getKey().equals(COLLAPSING)
                    ? new double[] {
                      10 * noise.nextGaussian(),
                      10 * noise.nextGaussian(),
                      10 * noise.nextGaussian()
                    }
                    : e.getValue().next();
        records.add(PipelineTestSupport.record(topic, e.getKey(), observation(e.getKey(), ts, x)));
      }
    }
    kafka.produce(topic, records);
  }

  private int index(long millis) {
    return (int) ((millis - t0) / 10);
  }

  private int index(JsonNode forecast) {
    return index(forecast.get("issued_at_millis").asLong());
  }

  private List<String> models(List<JsonNode> forecasts, String stream, Predicate<Integer> issued) {
    return forecasts.stream()
        .filter(f -> f.get("stream").asText().equals(stream))
        .filter(f -> issued.test(index(f)))
        .map(f -> f.get("model").asText())
        .toList();
  }

  /** The stream's switch; failing, the stream's scores and forecasts say why there was none. */
  private JsonNode awaitSwitch(
      KafkaFixture kafka, String topic, String stream, String skillTopic, String forecastTopic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (JsonNode s : PipelineTestSupport.committed(kafka, topic, 1)) {
        if (s.get("stream").asText().equals(stream)) return s;
      }
    }
    List<String> scores =
        PipelineTestSupport.committed(kafka, skillTopic, 1).stream()
            .filter(s -> s.get("stream").asText().equals(stream))
            .map(s -> s.get("model").asText() + ":" + s.get("vpt_steps").asInt())
            .toList();
    List<String> forecasts =
        PipelineTestSupport.committed(kafka, forecastTopic, 1).stream()
            .filter(f -> f.get("stream").asText().equals(stream))
            .map(f -> f.get("model").asText() + "@" + index(f))
            .toList();
    throw new AssertionError(
        "no switch of " + stream + " in time; scores " + scores + "; forecasts " + forecasts);
  }

  private List<JsonNode> awaitForecasts(
      KafkaFixture kafka, String topic, Predicate<JsonNode> filter, int atLeast) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      List<JsonNode> all = PipelineTestSupport.committed(kafka, topic, 1);
      if (all.stream().filter(filter).count() >= atLeast) return all;
      assertThat(System.nanoTime()).as("forecasts committed in time").isLessThan(deadline);
    }
  }

  private static String metric(String name) {
    return "flink_taskmanager_job_task_operator_chaoscast_" + name;
  }

  private static void awaitMetric(int port, String name, double atLeast)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    double seen = 0;
    while (System.nanoTime() < deadline) {
      try {
        seen = PrometheusScrape.of(port).sum(metric(name));
        if (seen >= atLeast) return;
      } catch (IOException notYet) {
        // the reporter is not serving yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " stayed at " + seen + ", expected " + atLeast);
  }
}
