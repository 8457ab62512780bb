package io.chaoscast.jobs.security;

import static io.chaoscast.jobs.testing.PipelineTestSupport.json;
import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker.SaslSsl;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.SelfSignedCertificate;
import io.chaoscast.jobs.cli.ForecasterCli;
import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.testing.CapturedLogs;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.models.systems.Lorenz63;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecasting job against a broker that only lets in an authenticated, encrypted client: a
 * SASL_SSL listener with SCRAM-SHA-512 and a certificate made for this test. The job is configured
 * as docs/deploy.md and docs/security.md tell a user to: a YAML file whose credentials come from
 * the environment ({@code ${env:...}}), the JAAS line with its quotes included. Everything logged
 * meanwhile, Kafka's client configurations included, and every error of a broken configuration must
 * be free of the password, the trust-store password and the inference token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SaslSslKafkaIT {

  private static final int SAMPLES = 120;
  private static final long STEP_MS = 10;
  private static final String USER = "forecaster";

  private final String password = "scram-" + UUID.randomUUID();
  private final String token = "token-" + UUID.randomUUID();
  private Map<String, String> environment;
  private SelfSignedCertificate certificate;
  private EmbeddedKafkaBroker broker;
  private CapturedLogs logs;
  private Path jobYaml;
  private JobConfig config;
  private final List<String> errors = new ArrayList<>();
  private List<ConsumerRecord<byte[], byte[]>> forecasts;

  @BeforeAll
  void runTheJobThroughSaslSsl(@TempDir Path dir) throws Exception {
    logs = new CapturedLogs("org.apache.kafka", "kafka", "org.apache.flink", "io.chaoscast");
    certificate = SelfSignedCertificate.create(dir);
    broker =
        EmbeddedKafkaBroker.startSaslSsl(
            new SaslSsl(certificate.keyStore(), certificate.password(), USER, password));
    broker.createTopics(Map.of("obs", 1, "fc", 1, "alerts", 1, "dlq", 1, "skill", 1));

    environment =
        Map.of(
            "CHAOSCAST_KAFKA_SASL_JAAS_CONFIG", EmbeddedKafkaBroker.jaasLine(USER, password),
            "CHAOSCAST_KAFKA_TRUSTSTORE_PASSWORD", certificate.password(),
            "CHAOSCAST_INFERENCE_TOKEN", token);
    jobYaml = dir.resolve("job.yaml");
    Files.writeString(jobYaml, yaml(dir));
    config = new JobConfigLoader(environment::get).load(jobYaml);

    produce(input());
    ForecastingJob.fromConfig(config)
        .execute(PipelineTestSupport.environment(1, new Configuration()));
    forecasts = readCommitted("fc", 7);
    tryBrokenConfigurations(dir);
  }

  @AfterAll
  void stop() {
    if (logs != null) logs.close();
    if (broker != null) broker.close();
  }

  /**
   * The job's YAML as a user writes it: the secrets as environment references, the broker's
   * certificate in a trust store. Remote inference points at a port nobody listens on, with a
   * token, so that the fallback serves and the token goes through the client's failure paths.
   */
  private String yaml(Path dir) throws Exception {
    return """
        kafka:
          bootstrap_servers: "%s"
          group_id: "secure-test"
          transactional_id_prefix: "secure-test"
          bounded_input: true
          properties:
            security.protocol: SASL_SSL
            sasl.mechanism: SCRAM-SHA-512
            sasl.jaas.config: "${env:CHAOSCAST_KAFKA_SASL_JAAS_CONFIG}"
            ssl.truststore.type: PKCS12
            ssl.truststore.location: "%s"
            ssl.truststore.password: "${env:CHAOSCAST_KAFKA_TRUSTSTORE_PASSWORD}"
        topics: {observations: obs, forecasts: fc, alerts: alerts, dead_letters: dlq, skill: skill}
        checkpoint_interval_ms: 200
        event_time: {max_out_of_orderness_ms: 20, max_timestamp_skew_ms: 3600000}
        forecast: {context_length: 60, horizon_steps: 5, every_samples: 10}
        remote_inference:
          enabled: true
          url: "http://127.0.0.1:%d"
          auth_token: "${env:CHAOSCAST_INFERENCE_TOKEN}"
          retries: 0
        """
        .formatted(broker.saslSslBootstrapServers(), certificate.trustStore(), closedPort());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private List<ProducerRecord<byte[], byte[]>> input() {
    var lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0);
    long t0 = System.currentTimeMillis() - 60_000;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      records.add(
          PipelineTestSupport.record(
              "obs", "lorenz", observation("lorenz", t0 + i * STEP_MS, lorenz.next())));
    }
    return records;
  }

  /** Test clients use the very properties the job loaded: they too get in only through SASL_SSL. */
  private Properties clientProperties() {
    return config.kafka().endpoint().properties();
  }

  private void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
    Properties p = clientProperties();
    p.put("acks", "all");
    try (var producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (var r : records) sent.add(producer.send(r));
      for (var f : sent) f.get(30, TimeUnit.SECONDS);
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast) {
    Properties p = clientProperties();
    p.put("group.id", "reader-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (out.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Configurations a user gets wrong, each holding the secrets: through the loader (the exception)
   * and through the command line (what it prints).
   */
  private void tryBrokenConfigurations(Path dir) throws Exception {
    String good = Files.readString(jobYaml);
    String literalSecrets =
        good.replace("${env:CHAOSCAST_KAFKA_TRUSTSTORE_PASSWORD}", certificate.password())
            .replace("${env:CHAOSCAST_INFERENCE_TOKEN}", token);
    List<String> broken =
        List.of(
            literalSecrets.replace("sasl.mechanism: SCRAM-SHA-512", "sasl.mechanism: : ["),
            literalSecrets.replace("ssl.truststore.type: PKCS12", "ssl.truststore.type: [PKCS12"),
            good.replace(
                "checkpoint_interval_ms: 200",
                "checkpoint_interval_ms: \"${env:CHAOSCAST_KAFKA_SASL_JAAS_CONFIG}\""),
            good.replace("url: \"http", "url: \"${env:CHAOSCAST_INFERENCE_TOKEN}http"),
            good.replace("  retries: 0", "  retries: 0\n  auth_token_file: /x"),
            good + "parallelism: \"" + certificate.password() + "\"\n");
    for (int i = 0; i < broken.size(); i++) {
      String text = broken.get(i);
      assertThatThrownBy(() -> new JobConfigLoader(environment::get).parse(text, "job.yaml"))
          .isInstanceOf(InvalidConfigException.class)
          .satisfies(e -> errors.add(e.getMessage()));
      Path file = Files.writeString(dir.resolve("broken-" + i + ".yaml"), text);
      StringWriter err = new StringWriter();
      var cli = ForecasterCli.commandLine();
      cli.setErr(new PrintWriter(err));
      cli.setOut(new PrintWriter(new StringWriter()));
      assertThat(cli.execute("run", "--config", file.toString())).isEqualTo(2);
      errors.add(err.toString());
    }
  }

  @Test
  void shouldForecastThroughTheSaslSslListener() {
    assertThat(forecasts).hasSize((SAMPLES - 60) / 10 + 1);
    for (var r : forecasts) {
      JsonNode f = json(r.value());
      assertThat(f.get("stream").asText()).isEqualTo("lorenz");
      assertThat(f.get("values")).hasSize(5);
      f.get("values")
          .forEach(row -> row.forEach(v -> assertThat(Double.isFinite(v.asDouble())).isTrue()));
    }
  }

  @Test
  void shouldRefuseAClientWithoutTheCredentials() {
    Properties p = clientProperties();
    p.put("sasl.jaas.config", EmbeddedKafkaBroker.jaasLine(USER, "wrong"));
    p.put("group.id", "intruder");
    p.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("fc"));
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 50; i++) consumer.poll(Duration.ofMillis(200));
              })
          .hasMessageContaining("Authentication failed");
    }
  }

  @Test
  void shouldNeverLogOrPrintASecret() {
    assertThat(errors).hasSize(12);
    Map<String, String> secrets = new HashMap<>();
    secrets.put("SCRAM password", password);
    secrets.put("trust-store password", certificate.password());
    secrets.put("inference token", token);
    List<String> everything = new ArrayList<>(logs.lines());
    everything.addAll(errors);
    // Kafka printed its client configurations (with the secrets hidden), so the capture did work.
    assertThat(everything).anyMatch(l -> l.contains("sasl.jaas.config = [hidden]"));
    for (var secret : secrets.entrySet()) {
      assertThat(everything)
          .as("lines holding the " + secret.getKey())
          .noneMatch(l -> l.contains(secret.getValue()));
    }
    assertThat(errors).allMatch(e -> e.contains("job.yaml") || e.contains("broken-"));
  }
}
