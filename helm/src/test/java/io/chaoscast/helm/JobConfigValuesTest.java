package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job's hardening settings as chart values: the rendered job YAML is read by the job's own
 * {@link JobConfigLoader} (which refuses unknown keys and checks every value), and the rendered
 * restart strategy by Flink's own options.
 */
class JobConfigValuesTest {

  private static final String PASSWORD_ENV = "CHAOSCAST_KAFKA_TRUSTSTORE_PASSWORD";

  @Test
  void shouldRenderAJobConfigEqualToTheJobsDefaultsWithDefaultValues() throws Exception {
    JobConfig rendered = load(Chart.render(), Map.of());
    JobConfig defaults = JobConfig.defaults();

    assertThat(rendered.limits()).isEqualTo(JobConfig.Limits.defaults());
    assertThat(rendered.eventTime()).isEqualTo(defaults.eventTime());
    assertThat(rendered.modelRoot()).isNull();
    // Everything else too, but for what the chart sets on purpose: its broker and parallelism.
    ObjectMapper json = new ObjectMapper();
    ObjectNode actual = json.valueToTree(rendered);
    ObjectNode expected = json.valueToTree(defaults);
    for (ObjectNode tree : new ObjectNode[] {actual, expected}) {
      ((ObjectNode) tree.path("kafka")).remove("bootstrapServers");
      tree.remove("parallelism");
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(rendered.kafka().bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void shouldPutEveryOverriddenLimitEventTimeBoundAndTheModelRootIntoTheJobConfig(
      @TempDir Path models) throws Exception {
    Map<String, Object> sets = new HashMap<>();
    sets.put("job.limits.maxRecordBytes", 65536);
    sets.put("job.limits.maxStreamIdLength", 100);
    sets.put("job.limits.maxChannelNameLength", 32);
    sets.put("job.limits.maxChannels", 512);
    sets.put("job.limits.maxModelChannels", 4);
    sets.put("job.limits.maxStreamsPerSubtask", 5000);
    sets.put("job.limits.quarantineAfterFailures", 5);
    sets.put("job.limits.quarantineMs", 120000);
    sets.put("job.eventTime.maxFutureSkewMs", 5000);
    sets.put("job.eventTime.maxWatermarkAdvanceMs", 0);
    sets.put("job.modelRoot", models.toString());

    JobConfig config = load(Chart.render(sets), Map.of());

    assertThat(config.limits())
        .isEqualTo(new JobConfig.Limits(65536, 100, 32, 512, 4, 5000, 5, 120000));
    assertThat(config.eventTime().maxFutureSkewMs()).isEqualTo(5000);
    assertThat(config.eventTime().maxWatermarkAdvanceMs()).isZero();
    assertThat(config.modelRoot()).isEqualTo(models.toString());
  }

  @Test
  void shouldPutTheDriftMonitorOrderingAndBufferTimeoutValuesIntoTheJobConfig(@TempDir Path dir)
      throws Exception {
    // a values file, as an operator writes one (helm --set would pass the decimals as strings)
    Path values = dir.resolve("values.yaml");
    Files.writeString(
        values,
        """
        job:
          networkBufferTimeoutMs: 0
          eventTime:
            ordering: arrival
          drift:
            enabled: false
            referenceSamples: 300
            referenceSeconds: 30.5
            calibrationSamples: 200
            calibrationSeconds: 60
            baselineHalfLifeBlocks: 0
            anomalyTailProbability: 0.001
            hop: 8
            window: 64
            openZ: 6
            tailFactor: 2.5
            resolveZ: 3
            criticalZ: 12
            corroboration: 2
            minDurationBlocks: 4
            resolveBlocks: 30
            cooldownBlocks: 50
            stormWindowMs: 120000
            stormMaxOpens: 20
        """);

    JobConfig config = load(Chart.render(List.of(values), Map.of()), Map.of());

    assertThat(config.drift())
        .isEqualTo(
            new JobConfig.DriftSettings(
                false, 300, 200, 8, 64, 6.0, 2.5, 3.0, 12.0, 2, 4, 30, 50, 120000, 20, 30.5, 60.0,
                0, 0.001));
    assertThat(config.eventTime().ordering()).isEqualTo(JobConfig.Ordering.ARRIVAL);
    assertThat(config.networkBufferTimeoutMs()).isZero();
  }

  @Test
  void shouldMountTheKafkaTrustStoreAndReferenceItsPasswordFromTheEnvironment() throws Exception {
    Chart.Manifests manifests =
        Chart.render(
            Map.of(
                "kafka.tls.trustStore.secretName", "kafka-ca",
                "kafka.properties.security\\.protocol", "SSL"));

    JobConfig config = load(manifests, Map.of(PASSWORD_ENV, "s3cret"));
    assertThat(config.kafka().properties())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.location", "/etc/chaoscast/kafka/truststore.p12")
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("ssl.truststore.password", "s3cret");
    String jobYaml = jobYaml(manifests);
    assertThat(jobYaml).doesNotContain("s3cret").contains("${env:" + PASSWORD_ENV + "}");

    for (JsonNode pod : manifests.podSpecs()) {
      JsonNode volume =
          pod.path("volumes").findParents("name").stream()
              .filter(v -> v.path("name").asText().equals("kafka-trust-store"))
              .findFirst()
              .orElseThrow();
      assertThat(volume.at("/secret/secretName").asText()).isEqualTo("kafka-ca");
      // Only the trust store file is mounted, never the password key.
      assertThat(volume.at("/secret/items")).hasSize(1);
      assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("truststore.p12");
      JsonNode container = pod.path("containers").get(0);
      assertThat(container.path("volumeMounts").findParents("name"))
          .anySatisfy(
              m -> {
                assertThat(m.path("name").asText()).isEqualTo("kafka-trust-store");
                assertThat(m.path("mountPath").asText()).isEqualTo("/etc/chaoscast/kafka");
                assertThat(m.path("readOnly").asBoolean()).isTrue();
              });
      assertThat(container.path("env").findParents("name"))
          .anySatisfy(
              e -> {
                assertThat(e.path("name").asText()).isEqualTo(PASSWORD_ENV);
                assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("kafka-ca");
                assertThat(e.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
              });
    }
  }

  @Test
  void shouldLeaveOutThePasswordOfAPemTrustStoreAndMountNothingByDefault() throws Exception {
    Chart.Manifests pem =
        Chart.render(
            Map.of(
                "kafka.tls.trustStore.secretName", "kafka-ca",
                "kafka.tls.trustStore.key", "ca.crt",
                "kafka.tls.trustStore.type", "PEM",
                "kafka.tls.trustStore.passwordKey", ""));
    assertThat(load(pem, Map.of()).kafka().properties())
        .containsEntry("ssl.truststore.location", "/etc/chaoscast/kafka/ca.crt")
        .containsEntry("ssl.truststore.type", "PEM")
        .doesNotContainKey("ssl.truststore.password");
    assertThat(pem.containers())
        .allSatisfy(c -> assertThat(c.path("env").toString()).doesNotContain(PASSWORD_ENV));

    Chart.Manifests plain = Chart.render();
    assertThat(load(plain, Map.of()).kafka().properties()).isEmpty();
    assertThat(plain.podSpecs())
        .allSatisfy(p -> assertThat(p.toString()).doesNotContain("kafka-trust-store"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "job.limits.maxRecordBytes=10",
        "job.limits.maxChannels=0",
        "job.limits.quarantineAfterFailures=0",
        "job.limits.quarantineMs=999",
        "job.limits.maxStreamsPerSubtask=3000000000",
        "job.limits.maxStreamIdLenght=10",
        "job.eventTime.maxFutureSkewMs=-1",
        "job.eventTime.maxWatermarkAdvanceMs=-5",
        "job.eventTime.ordering=random",
        "job.networkBufferTimeoutMs=-1",
        "job.drift.window=10",
        "job.drift.hopp=4",
        "kafka.tls.trustStore.type=P12",
        "flink.restartStrategy.maxBackoff=forever",
        "flink.restartStrategy.backoffMultiplier=0"
      })
  void shouldRejectAnInvalidHardeningValueThroughTheSchema(String set) {
    String[] kv = set.split("=", 2);
    // helm-java passes integers as numbers (a decimal would arrive as a string)
    Object value = kv[1].matches("-?[0-9]+") ? (Object) Long.parseLong(kv[1]) : kv[1];
    assertThatThrownBy(() -> Chart.render(Map.of(kv[0], value))).hasMessageContaining("schema");
  }

  @Test
  void shouldRefuseAModelRootThatIsNotADirectoryThroughTheJobsValidation() {
    Chart.Manifests manifests = Chart.render(Map.of("job.modelRoot", "/no/such/models"));
    assertThatThrownBy(() -> load(manifests, Map.of()))
        .hasMessageContaining("model_root '/no/such/models' is not a directory");
  }

  @Test
  void shouldRestartAFailedJobWithACappedExponentialDelay() {
    Configuration flink = flinkConfiguration(Chart.render());
    assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(
            flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
        .isEqualTo(2.0);
    assertThat(
            flink.get(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
        .isEqualTo(Duration.ofHours(1));
    assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR))
        .isEqualTo(0.1);

    Configuration tuned =
        flinkConfiguration(
            Chart.render(
                Map.of(
                    "flink.restartStrategy.maxBackoff",
                    "10 min",
                    "flink.restartStrategy.backoffMultiplier",
                    3)));
    assertThat(tuned.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(
            tuned.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
        .isEqualTo(3.0);
  }

  private static Configuration flinkConfiguration(Chart.Manifests manifests) {
    Map<String, String> entries = new HashMap<>();
    manifests
        .one("FlinkDeployment")
        .at("/spec/flinkConfiguration")
        .fields()
        .forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
    return Configuration.fromMap(entries);
  }

  static String jobYaml(Chart.Manifests manifests) {
    return manifests.ofKind("ConfigMap").stream()
        .filter(c -> c.at("/data/job.yaml").isTextual())
        .findFirst()
        .orElseThrow()
        .at("/data/job.yaml")
        .asText();
  }

  /** The rendered job YAML through the job's loader, with the given environment. */
  private static JobConfig load(Chart.Manifests manifests, Map<String, String> environment) {
    return new JobConfigLoader(environment::get).parse(jobYaml(manifests), "rendered job.yaml");
  }
}
