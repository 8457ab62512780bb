package io.chaoscast.jobs.metrics;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.loadtest.PrometheusScrape;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Rossler;
import io.chaoscast.models.training.Dataset;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the job with Flink's Prometheus reporter, scrapes {@code /metrics} over HTTP and checks that
 * the job's own metrics are there with the values the input implies.
 */
class MetricsEndpointIT {

  private static final String PREFIX = "flink_taskmanager_job_task_operator_chaoscast_";

  @TempDir Path dir;

  @Test
  void shouldExposeTheJobsMetricsWithValuesThatMatchTheInput() throws Exception {
    Path henon =
        TrainCommand.train(
                "henon",
                "nvar",
                dir.resolve("henon"),
                TrainCommand.Options.defaults()
                    .with(600, 60, 10, Dataset.POINTS_PER_LYAPUNOV_TIME, false))
            .modelDir();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 1);
      // lorenz: persistence, with nvar as challenger; rossler: routed to a 2-channel model, so it
      // falls back to the default baseline.
      var config =
          PipelineTestSupport.config(
              kafka,
              topics,
              1,
              false,
              """
              models: [{name: henon, path: "%s", device: cpu, version: h1}]
              routing:
                - {match: lorenz, model: persistence, challenger: nvar}
                - {match: rossler, model: henon}
              """
                  .formatted(henon.toString().replace("\\", "\\\\")));
      Configuration flink = PipelineTestSupport.prometheusReporter(port);
      var env = PipelineTestSupport.environment(1, flink);
      var job = ForecastingJob.fromConfig(config);
      job.configure(env);
      job.build(env);
      JobClient client = env.executeAsync(ForecastingJob.JOB_NAME);
      try {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        var lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 3, 5.0);
        var rossler = new FlowSignal(Rossler.classic(), 0.05, 4, 50.0);
        long t0 = System.currentTimeMillis() - 10_000;
        for (int i = 0; i < 100; i++) {
          records.add(
              PipelineTestSupport.record(
                  topics.observations(),
                  "lorenz",
                  observation("lorenz", t0 + 10L * i, lorenz.next())));
          records.add(
              PipelineTestSupport.record(
                  topics.observations(),
                  "rossler",
                  observation("rossler", t0 + 10L * i, rossler.next())));
        }
        records.add(PipelineTestSupport.record(topics.observations(), "x", "not json"));
        records.add(PipelineTestSupport.record(topics.observations(), "x", "{\"stream\": \"x\"}"));
        records.add(
            PipelineTestSupport.record(topics.observations(), "x", "{\"ts\": 1, \"values\": [1]}"));
        kafka.produce(topics.observations(), records);

        PrometheusScrape scrape = awaitRecordsIn(port, records.size());

        assertThat(scrape.sum(PREFIX + "records_in")).isEqualTo(records.size());
        assertThat(scrape.sum(PREFIX + "reason_dlq_records", Map.of("reason", "malformed_json")))
            .isEqualTo(1);
        assertThat(scrape.sum(PREFIX + "reason_dlq_records", Map.of("reason", "missing_field")))
            .isEqualTo(2);
        assertThat(scrape.sum(PREFIX + "reason_dlq_records", Map.of("reason", "late"))).isZero();
        // 100 in-order samples per stream, passed at once (adaptive ordering): forecasts at 60, 70,
        // 80, 90 and 100.
        assertThat(scrape.sum(PREFIX + "forecasts_out")).isEqualTo(10);
        assertThat(scrape.sum(PREFIX + "forecast_latency_ms_count")).isEqualTo(10);
        assertThat(scrape.sum(PREFIX + "challenger_forecasts_out")).isEqualTo(5);
        assertThat(scrape.sum(PREFIX + "route_fallbacks")).isEqualTo(5);
        assertThat(scrape.sum(PREFIX + "challenger_skipped")).isZero();
        assertThat(scrape.sum(PREFIX + "model_swaps")).isZero();
        assertThat(scrape.sum(PREFIX + "model_version_info", Map.of("model", "henon")))
            .isEqualTo(1);
        assertThat(scrape.named(PREFIX + "model_version_info"))
            .extracting(s -> s.labels().get("model") + "/" + s.labels().get("version"))
            // Flink's Prometheus reporter turns characters outside [A-Za-z0-9_] in labels into _.
            .contains("henon/h1", "persistence/persistence_1");
        assertThat(scrape.named(PREFIX + "role_skill_smape_count"))
            .extracting(s -> s.labels().get("role"))
            .containsExactlyInAnyOrder("champion", "challenger");
        // skill by model: lorenz's champion persistence and challenger nvar are scored apart
        assertThat(scrape.named(PREFIX + "role_model_skill_vpt_steps_count"))
            .extracting(s -> s.labels().get("role") + "/" + s.labels().get("model"))
            .contains("champion/persistence", "challenger/nvar");
        assertThat(scrape.named(PREFIX + "forecast_latency_ms"))
            .filteredOn(s -> "0.99".equals(s.labels().get("quantile")))
            .singleElement()
            .satisfies(s -> assertThat(s.value()).isBetween(0.0, 60_000.0));
        assertThat(scrape.sum(PREFIX + "active_streams")).isEqualTo(2);
        assertThat(scrape.sum(PREFIX + "kind_state_alerts")).isZero();
        assertThat(scrape.named("flink_jobmanager_job_numberOfCompletedCheckpoints")).isNotEmpty();
      } finally {
        client.cancel().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Scrapes until every counter the test reads has reached its final value (metrics are reported,
   * not pushed, and the stages that count them run in different tasks: a scrape can see the
   * forecasts counted before the route fallbacks of the same requests).
   */
  private static PrometheusScrape awaitRecordsIn(int port, int expected) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    PrometheusScrape scrape = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        scrape = PrometheusScrape.of(port);
        if (scrape.sum(PREFIX + "records_in") >= expected
            && scrape.sum(PREFIX + "forecasts_out") >= 10
            && scrape.sum(PREFIX + "challenger_forecasts_out") >= 5
            && scrape.sum(PREFIX + "route_fallbacks") >= 5
            && scrape.sum(PREFIX + "reason_dlq_records") >= 3
            && scrape.named(PREFIX + "role_skill_smape_count").size() >= 2
            && scrape.named(PREFIX + "role_model_skill_vpt_steps_count").size() >= 2) {
          return scrape;
        }
      } catch (java.io.IOException notUpYet) {
        // the reporter starts with the task manager
      }
      Thread.sleep(500);
    }
    return scrape == null ? PrometheusScrape.of(port) : scrape;
  }
}
