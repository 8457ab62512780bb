package io.chaoscast.jobs.remote;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.serving.DynamicBatcher;
import io.chaoscast.jobs.serving.InferenceServer;
import io.chaoscast.jobs.serving.ServedModel;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.loadtest.PrometheusScrape;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.systems.Lorenz63;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real broker and MiniCluster, forecasting through a real {@link InferenceServer} (an
 * NVAR artifact trained by the project's command) with persistence as the fallback: the server is
 * stopped mid-run and started again on the same port. Forecasts never stop, none is lost or
 * duplicated, each names the model that made it, and the alerts topic and the Prometheus gauge say
 * when the fallback was active.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RemoteInferenceIT {

  private static final String PREFIX = "flink_taskmanager_job_task_operator_chaoscast_";
  private static final String FALLBACK_ID = "persistence@1";
  private static final List<String> STREAMS = List.of("a", "b", "c");
  private static final int PHASE_SAMPLES = 200;

  private final List<FlowSignal> signals =
      List.of(
          new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0),
          new FlowSignal(Lorenz63.classic(), 0.01, 2, 5.0),
          new FlowSignal(Lorenz63.classic(), 0.01, 3, 5.0));
  private final long t0 = System.currentTimeMillis() - 60_000;
  private int produced; // samples per stream so far

  @Test
  void shouldFallBackWithAnAlertWhileTheServerIsDownAndReturnWhenItIsBack(@TempDir Path dir)
      throws Exception {
    Path artifact = dir.resolve("nvar");
    TrainCommand.train("lorenz63", "nvar", artifact);
    int metricsPort = freePort();
    try (ServedModel model = ServedModel.load("lorenz", artifact, "cpu");
        KafkaFixture kafka = KafkaFixture.start()) {
      InferenceServer server = serve(model, 0);
      int port = server.port();
      TestTopics topics = TestTopics.create(kafka, 1);
      var config =
          PipelineTestSupport.config(
              kafka,
              topics,
              1,
              false,
              """
              remote_inference:
                enabled: true
                url: "http://127.0.0.1:%d"
                model_name: lorenz
                timeout_ms: 2000
                retries: 1
                retry_backoff_ms: 10
                breaker: {consecutive_failures: 1, cool_down_ms: 300}
                fallback_model: persistence
              """
                  .formatted(port));
      Configuration flink = PipelineTestSupport.prometheusReporter(metricsPort);
      var env = PipelineTestSupport.environment(1, flink);
      var job = ForecastingJob.fromConfig(config);
      job.configure(env);
      job.build(env);
      JobClient client = env.executeAsync(ForecastingJob.JOB_NAME);
      try (var forecasts = new TopicReader(kafka, topics.forecasts());
          var alerts = new TopicReader(kafka, topics.alerts())) {
        String remoteId = model.version();

        // Up: forecasts come from the server.
        produce(kafka, topics, 1, 0);
        forecasts.await(all -> count(all, remoteId) >= STREAMS.size());
        assertThat(count(forecasts.all(), FALLBACK_ID)).isZero();
        assertThat(gauge(metricsPort)).isZero();

        // Down: forecasts go on from the fallback, an OPEN alert is raised, the gauge is 1.
        server.close();
        produce(kafka, topics, 1, 0);
        forecasts.await(all -> count(all, FALLBACK_ID) >= STREAMS.size());
        alerts.await(all -> has(all, "OPEN"));
        assertThat(gauge(metricsPort)).isEqualTo(1);

        // Back on the same port: after the cool-down a probe succeeds, remote forecasts resume and
        // the alert is resolved. The input is paced so that batches keep coming past the cool-down.
        server = serve(model, port);
        produce(kafka, topics, 10, 150);
        int afterFallback = forecasts.all().size();
        forecasts.await(all -> count(all.subList(afterFallback, all.size()), remoteId) > 0);
        alerts.await(all -> has(all, "RESOLVED"));
        assertThat(gauge(metricsPort)).isZero();

        // None lost, none duplicated: every forecast the watermark has released, exactly once
        // (windows fill at sample 59, then one every 10; the last samples wait for the watermark).
        Set<String> expected = new HashSet<>();
        for (String s : STREAMS)
          for (int i = 59; i <= produced - 10; i += 10) expected.add(s + "@" + (t0 + 10L * i));
        forecasts.await(all -> keys(all).containsAll(expected));
        List<String> keys = keys(forecasts.all());
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).containsAll(expected);
        assertThat(forecasts.all())
            .allSatisfy(f -> assertThat(f.get("model_id").asText()).isIn(remoteId, FALLBACK_ID));
        assertThat(
                alerts.all().stream()
                    .filter(a -> a.get("kind").asText().equals("INFERENCE_FALLBACK"))
                    .map(a -> a.get("stream").asText() + ":" + a.get("state").asText()))
            .containsExactly("*:OPEN", "*:RESOLVED");
      } finally {
        client.cancel().get(30, TimeUnit.SECONDS);
        server.close();
      }
    }
  }

  private static InferenceServer serve(ServedModel model, int port) throws Exception {
    return new InferenceServer(
        model, new DynamicBatcher(model.forecaster(), 64, 1), "127.0.0.1", port);
  }

  /** The next {@link #PHASE_SAMPLES} samples of every stream, in {@code chunks} paced sends. */
  private void produce(KafkaFixture kafka, TestTopics topics, int chunks, long pauseMs)
      throws InterruptedException {
    for (int c = 0; c < chunks; c++) {
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int i = 0; i < PHASE_SAMPLES / chunks; i++, produced++) {
        for (int s = 0; s < STREAMS.size(); s++) {
          String stream = STREAMS.get(s);
          records.add(
              PipelineTestSupport.record(
                  topics.observations(),
                  stream,
                  observation(stream, t0 + 10L * produced, signals.get(s).next())));
        }
      }
      kafka.produce(topics.observations(), records);
      Thread.sleep(pauseMs);
    }
  }

  private static long count(List<JsonNode> forecasts, String modelId) {
    return forecasts.stream().filter(f -> f.get("model_id").asText().equals(modelId)).count();
  }

  private static boolean has(List<JsonNode> alerts, String state) {
    return alerts.stream()
        .anyMatch(
            a ->
                a.get("kind").asText().equals("INFERENCE_FALLBACK")
                    && a.get("state").asText().equals(state));
  }

  private static List<String> keys(List<JsonNode> forecasts) {
    return forecasts.stream()
        .map(f -> f.get("stream").asText() + "@" + f.get("issued_at_millis").asLong())
        .toList();
  }

  private static double gauge(int port) throws Exception {
    return PrometheusScrape.of(port).sum(PREFIX + "inference_fallback_active", Map.of());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** One read-committed consumer that keeps what it has read, polled until a condition holds. */
  private static final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<JsonNode> records = new ArrayList<>();

    TopicReader(KafkaFixture kafka, String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  "bootstrap.servers", kafka.bootstrapServers(),
                  "group.id", "test-" + UUID.randomUUID(),
                  "auto.offset.reset", "earliest",
                  "enable.auto.commit", "false",
                  "isolation.level", "read_committed"),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    List<JsonNode> all() {
      return records;
    }

    void await(Predicate<List<JsonNode>> condition) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!condition.test(records)) {
        assertThat(System.nanoTime())
            .as("waiting for records; have " + records)
            .isLessThan(deadline);
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> records.add(PipelineTestSupport.json(r.value())));
      }
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
