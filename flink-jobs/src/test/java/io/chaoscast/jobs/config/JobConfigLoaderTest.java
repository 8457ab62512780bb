package io.chaoscast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.jobs.forecast.Forecasters;
import io.chaoscast.models.forecast.ParrotForecaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigLoaderTest {

  private final JobConfigLoader loader = new JobConfigLoader();

  @Test
  void shouldFillEverythingNotGivenFromTheDefaults() {
    JobConfig c =
        loader.parse(
            """
        kafka:
          bootstrap_servers: broker:9092
          properties:
            security.protocol: SASL_SSL
        delivery: at_least_once
        network_buffer_timeout_ms: 20
        forecast:
          horizon_steps: 50
        """,
            "test.yaml");

    assertThat(c.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(c.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.kafka().groupId()).isEqualTo(JobConfig.defaults().kafka().groupId());
    assertThat(c.delivery()).isEqualTo(JobConfig.Delivery.AT_LEAST_ONCE);
    assertThat(c.forecast().horizonSteps()).isEqualTo(50);
    assertThat(c.networkBufferTimeoutMs()).isEqualTo(20);
    assertThat(c.forecast().contextLength())
        .isEqualTo(JobConfig.defaults().forecast().contextLength());
    assertThat(c.topics()).isEqualTo(JobConfig.defaults().topics());
  }

  @Test
  void shouldNameAnUnknownKeyAndWhereItIs() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092}
        forecast: {horizon: 5}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("job.yaml")
        .hasMessageContaining("unknown key 'horizon'")
        .hasMessageContaining("horizon_steps");
  }

  @Test
  void shouldListEveryInvalidValueAtOnce() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        parallelism: 0
        network_buffer_timeout_ms: -1
        forecast: {model: transformer, horizon_steps: 0}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.bootstrap_servers is required")
        .hasMessageContaining("parallelism must be at least 1")
        .hasMessageContaining("network_buffer_timeout_ms must be >= 0")
        .hasMessageContaining(
            "forecast.model must be one of [nvar, parrot, persistence], not 'transformer'")
        .hasMessageContaining("forecast.horizon_steps must be >= 1");
  }

  @Test
  void shouldReadDriftSettingsAndRejectInconsistentOnes() {
    JobConfig c =
        loader.parse(
            "kafka: {bootstrap_servers: b:1}\ndrift: {open_z: 6.0, storm_max_opens: 20}\n",
            "job.yaml");
    assertThat(c.drift().monitorConfig().openZ()).isEqualTo(6.0);
    assertThat(c.drift().stormMaxOpens()).isEqualTo(20);
    assertThat(c.drift().monitorConfig().resolveZ()).isEqualTo(2.5);
    assertThatThrownBy(
            () ->
                loader.parse(
                    "kafka: {bootstrap_servers: b:1}\ndrift: {resolve_z: 6.0, hop: 0}\n",
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("drift.resolve_z must be in [0, open_z)")
        .hasMessageContaining("drift.hop must be >= 1");
  }

  @Test
  void shouldRejectAWrongType() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "kafka: {bootstrap_servers: b:1}\ncheckpoint_interval_ms: soon\n", "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("checkpoint_interval_ms");
  }

  @Test
  void shouldTakeSecretsFromTheEnvironment() {
    var withEnv =
        new JobConfigLoader(
            Map.of("JAAS", "org.apache.kafka...PlainLoginModule required;", "BROKERS", "b1:9093")
                ::get);

    JobConfig c =
        withEnv.parse(
            """
        kafka:
          bootstrap_servers: ${env:BROKERS}
          properties:
            sasl.jaas.config: "${env:JAAS}"
        """,
            "job.yaml");

    assertThat(c.kafka().bootstrapServers()).isEqualTo("b1:9093");
    assertThat(c.kafka().properties())
        .containsEntry("sasl.jaas.config", "org.apache.kafka...PlainLoginModule required;");
  }

  @Test
  void shouldFailWhenAReferencedVariableIsUnset() {
    var noEnv = new JobConfigLoader(name -> null);
    assertThatThrownBy(
            () -> noEnv.parse("kafka: {bootstrap_servers: \"${env:BROKERS}\"}", "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("BROKERS")
        .hasMessageContaining("not set");
  }

  /** The JAAS line of docs/deploy.md, quotes and all. */
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"forecaster\" password=\"pa55-w0rd!\";";

  @Test
  void shouldKeepAnEnvironmentValueWithANewlineInItsOwnScalar() {
    var env = new JobConfigLoader(Map.of("BROKERS", "b:9092\nparallelism: 64")::get);

    JobConfig c = env.parse("kafka:\n  bootstrap_servers: ${env:BROKERS}\n", "job.yaml");

    assertThat(c.parallelism()).isEqualTo(1);
    assertThat(c.kafka().bootstrapServers()).isEqualTo("b:9092\nparallelism: 64");
  }

  @Test
  void shouldTakeTheDocumentedJaasLineVerbatimFromTheEnvironment() {
    var env = new JobConfigLoader(Map.of("CHAOSCAST_KAFKA_SASL_JAAS_CONFIG", JAAS)::get);

    JobConfig c =
        env.parse(
            """
        kafka:
          bootstrap_servers: b:9093
          properties:
            security.protocol: SASL_SSL
            sasl.jaas.config: "${env:CHAOSCAST_KAFKA_SASL_JAAS_CONFIG}"
        """,
            "job.yaml");

    assertThat(c.kafka().properties()).containsEntry("sasl.jaas.config", JAAS);
  }

  @Test
  void shouldPlaceAReferenceEmbeddedInAStringAndLeaveReferencesInTheValueAlone() {
    var env = new JobConfigLoader(Map.of("HOST", "inference", "ODD", "${env:HOST}")::get);

    JobConfig c =
        env.parse(
            """
        kafka: {bootstrap_servers: "${env:ODD}:9092"}
        remote_inference: {url: "http://${env:HOST}:8080"}
        """,
            "job.yaml");

    assertThat(c.remoteInference().url()).isEqualTo("http://inference:8080");
    assertThat(c.kafka().bootstrapServers()).isEqualTo("${env:HOST}:9092");
  }

  @Test
  void shouldRefuseAKeyGivenTwiceInOneMappingNamingIt() {
    // Jackson would keep the second forecast section and drop context_length without a word.
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        forecast: {context_length: 300}
        kafka: {bootstrap_servers: b:9092}
        forecast: {horizon_steps: 10}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("job.yaml: at 'forecast'")
        .hasMessageContaining("appears twice");
    assertThatThrownBy(
            () -> loader.parse("drift: {enabled: true, hop: 4, enabled: false}\n", "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("at 'drift.enabled'");
    // the same key in two different mappings is fine
    JobConfig c =
        loader.parse(
            """
            kafka: {bootstrap_servers: b:9092}
            drift: {enabled: false}
            remote_inference: {enabled: false}
            """,
            "job.yaml");
    assertThat(c.drift().enabled()).isFalse();
  }

  @Test
  void shouldRefuseAnchorsAndAliasesNamingTheKey() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092, group_id: &g forecaster}
        topics: {forecasts: *g}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.group_id")
        .hasMessageContaining("anchors (&g) are not supported");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "kafka: {bootstrap_servers: b:9092}\ntopics: {forecasts: *g}\n", "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("topics.forecasts")
        .hasMessageContaining("aliases (*g) are not supported");
  }

  @Test
  void shouldNameTheVariableAndTheKeyOfAnUnsetReference() {
    var noEnv = new JobConfigLoader(name -> null);
    assertThatThrownBy(
            () ->
                noEnv.parse(
                    "kafka:\n  bootstrap_servers: b:1\n  properties:\n"
                        + "    sasl.jaas.config: \"${env:KAFKA_JAAS}\"\n",
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("KAFKA_JAAS (at kafka.properties.sasl.jaas.config)")
        .hasMessageContaining("not set");
  }

  @Test
  void shouldNeverShowASecretInAnErrorMessage() {
    var env =
        new JobConfigLoader(
            Map.of("JAAS", JAAS, "PERIOD", "pa55-w0rd!", "URL", "inference:8080/pa55-w0rd!")::get);
    String secretProperties =
        """
        kafka:
          bootstrap_servers: b:9093
          properties:
            sasl.jaas.config: "${env:JAAS}"
            ssl.truststore.password: "pa55-w0rd!"
        """;
    // A value from the environment of the wrong type, one that fails validation, a literal
    // secret next to a syntax error, and one next to a wrong type elsewhere.
    String[] broken = {
      secretProperties + "checkpoint_interval_ms: ${env:PERIOD}\n",
      secretProperties + "remote_inference: {enabled: true, url: \"${env:URL}\"}\n",
      secretProperties + "parallelism: pa55-w0rd!\n",
      secretProperties.replace("ssl.truststore.password:", "ssl.truststore.password: : ["),
      secretProperties.replace("bootstrap_servers: b:9093", "bootstrap_servers: [b:9093"),
      secretProperties + "  group_id: [\"pa55-w0rd!\"]\n",
    };
    for (String yaml : broken) {
      assertThatThrownBy(() -> env.parse(yaml, "job.yaml"))
          .isInstanceOf(InvalidConfigException.class)
          .satisfies(
              e -> {
                assertThat(e.getMessage()).doesNotContain("pa55").doesNotContain("forecaster\"");
                assertThat(e.getMessage())
                    .containsAnyOf(
                        "job.yaml: at '",
                        "job.yaml: remote_inference.url",
                        "job.yaml: not valid YAML at line");
              });
    }
    assertThatThrownBy(() -> env.parse(broken[0], "job.yaml"))
        .hasMessage("job.yaml: at 'checkpoint_interval_ms': expected an integer, not '<redacted>'");
    assertThatThrownBy(() -> env.parse(broken[1], "job.yaml"))
        .hasMessageContaining(
            "remote_inference.url must be http(s)://host[:port], not '<redacted>'");
  }

  @Test
  void shouldReadRemoteInferenceOverItsDefaults() {
    JobConfig c =
        loader.parse(
            """
        kafka: {bootstrap_servers: b:9092}
        remote_inference:
          enabled: true
          url: http://inference:8080
          model_name: lorenz
          breaker: {cool_down_ms: 250}
        """,
            "job.yaml");
    var r = c.remoteInference();
    assertThat(r.enabled()).isTrue();
    assertThat(r.url()).isEqualTo("http://inference:8080");
    assertThat(r.breaker().coolDownMs()).isEqualTo(250);
    assertThat(r.breaker().consecutiveFailures())
        .isEqualTo(JobConfig.defaults().remoteInference().breaker().consecutiveFailures());
    assertThat(r.fallbackModel()).isEqualTo("nvar");
  }

  @Test
  void shouldNameEveryUnusableRemoteInferenceSetting() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092}
        remote_inference:
          enabled: true
          url: "inference:8080"
          model_name: "a/b"
          timeout_ms: 0
          retries: 11
          breaker: {consecutive_failures: 0, failure_rate: 1.5, window_calls: 0, cool_down_ms: 0}
          fallback_model: mamba
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("remote_inference.url must be http(s)://host[:port]")
        .hasMessageContaining("remote_inference.model_name")
        .hasMessageContaining("remote_inference.timeout_ms must be >= 1")
        .hasMessageContaining("remote_inference.retries must be in 0..10")
        .hasMessageContaining("remote_inference.breaker.consecutive_failures must be >= 1")
        .hasMessageContaining("remote_inference.breaker.failure_rate must be in (0, 1]")
        .hasMessageContaining("remote_inference.breaker.window_calls must be >= 1")
        .hasMessageContaining("remote_inference.breaker.cool_down_ms must be >= 1")
        .hasMessageContaining(
            "fallback_model must be one of [nvar, parrot, persistence], not 'mamba'");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "kafka: {bootstrap_servers: b:9092}\nremote_inference: {enabled: true}",
                    "job.yaml"))
        .hasMessageContaining("remote_inference.url is required");
  }

  @Test
  void shouldLoadTheDocumentedExampleAndItsRemoteInferenceSection() throws Exception {
    Path example = Path.of("..", "docs", "examples", "job.yaml");
    assertThat(loader.load(example).remoteInference().enabled()).isFalse();
    String enabled = Files.readString(example).replace("  enabled: false", "  enabled: true");
    var remote = loader.parse(enabled, "job.yaml").remoteInference();
    assertThat(remote.enabled()).isTrue();
    assertThat(remote.url()).isEqualTo("http://chaoscast-inference:8080");
  }

  @Test
  void shouldNameTheModelWhoseArtifactIsMissingAndEveryBadRoute() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092}
        topics: {models: models}
        models: [{name: lorenz, path: /no/such/model}, {name: nvar, path: /x, device: tpu}]
        routing:
          - {match: "lorenz-(", model: lorenz}
          - {match: ".*", model: transformer, challenger: lorenz}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("models[0] (lorenz): /no/such/model is not a directory")
        .hasMessageContaining("models[1].name 'nvar' is used twice or names a built-in")
        .hasMessageContaining("models[1].device must be cpu, gpu or auto, not 'tpu'")
        .hasMessageContaining("routing[0].match is not a valid regular expression")
        .hasMessageContaining(
            "routing[1].model 'transformer' is neither a built-in nor listed under models");
  }

  @Test
  void shouldRefuseAModelsTopicWithNoModelsToAnnounce() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "kafka: {bootstrap_servers: b:9092}\ntopics: {models: models}\n", "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("topics.models is set but no models are listed");
  }

  @Test
  void shouldRouteWithoutModelsTopicToBuiltIns() {
    JobConfig c =
        loader.parse(
            """
        kafka: {bootstrap_servers: b:9092}
        routing: [{match: "eeg-.*", model: persistence, challenger: nvar}]
        """,
            "job.yaml");

    assertThat(c.routing())
        .containsExactly(new JobConfig.RouteRule("eeg-.*", "persistence", "nvar"));
    assertThat(c.topics().hasModelsTopic()).isFalse();
  }

  @Test
  void shouldSelectContextParrotingAsTheDefaultModelWithItsDelayVector() {
    JobConfig c =
        loader.parse(
            """
        kafka: {bootstrap_servers: b:9092}
        forecast: {model: parrot, parrot_coordinates: 6, parrot_delay: 2}
        routing: [{match: "eeg-.*", model: nvar, challenger: parrot}]
        """,
            "job.yaml");

    assertThat(Forecasters.fromSettings(c.forecast()).id()).isEqualTo("parrot-c6-t2@1");
    assertThat(JobConfig.defaults().forecast().parrotCoordinates())
        .isEqualTo(ParrotForecaster.DEFAULT_COORDINATES);
  }

  @Test
  void shouldReadThePromotionsTopicAndItsRule() {
    JobConfig c =
        loader.parse(
            """
        kafka: {bootstrap_servers: b:9092}
        topics: {promotions: promotions}
        promotion: {min_scored: 12, margin: 0.25}
        """,
            "job.yaml");

    assertThat(c.topics().hasPromotionsTopic()).isTrue();
    assertThat(c.topics().promotions()).isEqualTo("promotions");
    assertThat(c.promotion()).isEqualTo(new JobConfig.PromotionSettings(12, 0.25, 50, 0.5));
    assertThat(JobConfig.defaults().topics().hasPromotionsTopic()).isFalse();
  }

  @Test
  void shouldNameEveryUnusablePromotionSetting() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092}
        promotion: {min_scored: 0, margin: 0, memory: 0, collapse_fraction: 1}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("promotion.min_scored must be >= 1")
        .hasMessageContaining("promotion.margin must be in (0, 10]")
        .hasMessageContaining("promotion.memory must be >= 1")
        .hasMessageContaining("promotion.collapse_fraction must be in (0, 1)");
  }

  @Test
  void shouldNameEveryUnusableParrotingSetting() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092}
        forecast: {parrot_coordinates: 0, parrot_delay: 0}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("forecast.parrot_coordinates must be >= 1")
        .hasMessageContaining("forecast.parrot_delay must be >= 1");
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
        kafka: {bootstrap_servers: b:9092}
        forecast: {context_length: 20, parrot_coordinates: 10, parrot_delay: 3}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("forecast.context_length must be >= 29 for context parroting");
  }

  @Test
  void shouldTolerateAFewFailedCheckpointsByDefaultAndReadTheCheckpointSettings() {
    JobConfig defaults = loader.parse("kafka: {bootstrap_servers: b:9092}", "job.yaml");
    assertThat(defaults.tolerableFailedCheckpoints()).isEqualTo(5);
    assertThat(defaults.checkpointDir()).isNull();

    JobConfig c =
        loader.parse(
            """
            kafka: {bootstrap_servers: b:9092}
            tolerable_failed_checkpoints: 0
            checkpoint_dir: "s3://bucket/chaoscast/checkpoints"
            """,
            "job.yaml");
    assertThat(c.tolerableFailedCheckpoints()).isZero();
    assertThat(c.checkpointDir()).isEqualTo("s3://bucket/chaoscast/checkpoints");
    assertThat(
            loader
                .parse("kafka: {bootstrap_servers: b:9092}\ncheckpoint_dir: /data/cp", "job.yaml")
                .checkpointDir())
        .isEqualTo("/data/cp");
  }

  @Test
  void shouldRejectUnusableCheckpointSettingsNamingTheKey() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    """
                    kafka: {bootstrap_servers: b:9092}
                    tolerable_failed_checkpoints: -1
                    checkpoint_dir: "relative/dir"
                    """,
                    "job.yaml"))
        .hasMessageContaining("tolerable_failed_checkpoints must be >= 0")
        .hasMessageContaining(
            "checkpoint_dir must be a URI with a scheme (file:///..., s3://bucket/...) or an"
                + " absolute path, not 'relative/dir'");
  }

  @Test
  void shouldRefuseToTolerateFailedCheckpointsLongerThanATransactionLives() {
    // (298 + 2) x 1000 ms = the 300 s default transaction timeout: the broker could abort output
    // that a later checkpoint still means to commit.
    assertThatThrownBy(
            () ->
                loader.parse(
                    "kafka: {bootstrap_servers: b:9092}\ntolerable_failed_checkpoints: 298",
                    "job.yaml"))
        .hasMessageContaining("tolerable_failed_checkpoints 298 at checkpoint_interval_ms 1000")
        .hasMessageContaining("transaction timeout (300000 ms");
    assertThat(
            loader
                .parse(
                    "kafka: {bootstrap_servers: b:9092}\ntolerable_failed_checkpoints: 297",
                    "job.yaml")
                .tolerableFailedCheckpoints())
        .isEqualTo(297);
    assertThat(
            loader
                .parse(
                    """
                    kafka: {bootstrap_servers: b:9092}
                    delivery: at_least_once
                    tolerable_failed_checkpoints: 1000
                    """,
                    "job.yaml")
                .tolerableFailedCheckpoints())
        .isEqualTo(1000);
  }
}
