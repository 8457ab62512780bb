package io.chaoscast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        forecast:
          horizon_steps: 50
        """,
            "test.yaml");

    assertThat(c.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(c.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.kafka().groupId()).isEqualTo(JobConfig.defaults().kafka().groupId());
    assertThat(c.delivery()).isEqualTo(JobConfig.Delivery.AT_LEAST_ONCE);
    assertThat(c.forecast().horizonSteps()).isEqualTo(50);
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
        forecast: {model: transformer, horizon_steps: 0}
        """,
                    "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("kafka.bootstrap_servers is required")
        .hasMessageContaining("parallelism must be at least 1")
        .hasMessageContaining("forecast.model must be nvar or persistence, not 'transformer'")
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
    assertThatThrownBy(() -> noEnv.parse("kafka: {bootstrap_servers: ${env:BROKERS}}", "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("BROKERS")
        .hasMessageContaining("not set");
  }
}
