package io.chaoscast.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.connectors.serde.ObservationJson;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.health.FaultStatus;
import io.chaoscast.jobs.pipeline.LocalCluster;
import io.chaoscast.loadtest.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Topics, configuration and environments for pipeline integration tests. */
public final class PipelineTestSupport {

  private PipelineTestSupport() {}

  /** Unique topic names for one test, so tests can share a broker. */
  public record TestTopics(
      String observations, String forecasts, String alerts, String deadLetters, String skill) {
    public static TestTopics create(KafkaFixture kafka, int partitions) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      var t = new TestTopics("obs-" + id, "fc-" + id, "alerts-" + id, "dlq-" + id, "skill-" + id);
      kafka.createTopics(partitions, t.observations, t.forecasts, t.alerts, t.deadLetters, t.skill);
      return t;
    }
  }

  /**
   * A job configuration for tests through the real YAML loader: 10 ms samples, a 20 ms
   * out-of-orderness bound, 60-sample contexts, a forecast every 10 samples, 5 steps ahead.
   */
  public static JobConfig config(
      KafkaFixture kafka, TestTopics t, int parallelism, boolean bounded, String extraYaml) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String yaml =
        """
        kafka:
          bootstrap_servers: "%s"
          group_id: "test-%s"
          transactional_id_prefix: "test-%s"
          bounded_input: %s
        topics: {observations: "%s", forecasts: "%s", alerts: "%s", dead_letters: "%s", skill: "%s"}
        checkpoint_interval_ms: 200
        parallelism: %d
        event_time: {max_out_of_orderness_ms: 20, max_timestamp_skew_ms: 3600000}
        forecast: {context_length: 60, horizon_steps: 5, every_samples: 10}
        %s
        """
            .formatted(
                kafka.bootstrapServers(),
                id,
                id,
                bounded,
                t.observations,
                t.forecasts,
                t.alerts,
                t.deadLetters,
                t.skill,
                parallelism,
                extraYaml);
    return new JobConfigLoader().parse(yaml, "test");
  }

  /**
   * A local MiniCluster environment whose restart strategy gives up, so a broken job fails the
   * test.
   */
  public static StreamExecutionEnvironment environment(int parallelism, Configuration extra) {
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "3");
    conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
    conf.addAll(extra);
    return LocalCluster.environment(parallelism, 0, conf);
  }

  /** Flink configuration whose Prometheus reporter serves {@code /metrics} on {@code port}. */
  public static Configuration prometheusReporter(int port) {
    Configuration conf = new Configuration();
    conf.setString(
        "metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    conf.setString("metrics.reporter.prom.port", Integer.toString(port));
    return conf;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The job's fault gauges as scraped from its Prometheus endpoint. */
  public static FaultStatus faults(int metricsPort) throws IOException, InterruptedException {
    return FaultStatus.of(PrometheusScrape.of(metricsPort));
  }

  /** The values an operator harness wrote to side output {@code tag}, oldest first. */
  public static <T> List<T> sideOutput(
      AbstractStreamOperatorTestHarness<?> harness, OutputTag<T> tag) {
    var out = harness.getSideOutput(tag);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }

  /** An observation record as a producer would send it, keyed by stream, with Kafka time = now. */
  public static ProducerRecord<byte[], byte[]> record(String topic, String stream, String json) {
    return new ProducerRecord<>(
        topic,
        null,
        System.currentTimeMillis(),
        stream.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  public static String observation(String stream, long ts, double... values) {
    return ObservationJson.encode(stream, ts, values);
  }

  public static JsonNode json(byte[] value) {
    try {
      return Json.mapper().readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The committed records of a topic as JSON, read until a second passes without a new one after at
   * least {@code atLeast} (or ten seconds pass).
   */
  public static List<JsonNode> committed(KafkaFixture kafka, String topic, int atLeast) {
    return kafka
        .readCommitted(topic, atLeast, Duration.ofSeconds(1), Duration.ofSeconds(10))
        .stream()
        .map(r -> json(r.value()))
        .toList();
  }

  /**
   * The committed forecasts of a topic as {@code stream@issued_at=values} strings, a form that two
   * runs' outputs can be compared in.
   */
  public static List<String> committedForecasts(KafkaFixture kafka, String topic, int atLeast) {
    return kafka
        .readCommitted(topic, atLeast, Duration.ofSeconds(1), Duration.ofSeconds(30))
        .stream()
        .map(
            r -> {
              var f = json(r.value());
              return f.get("stream").asText()
                  + "@"
                  + f.get("issued_at_millis").asLong()
                  + "="
                  + f.get("values");
            })
        .toList();
  }
}
