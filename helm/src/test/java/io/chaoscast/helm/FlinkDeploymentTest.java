package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.KubernetesDeploymentMode;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered FlinkDeployment read into the Flink Kubernetes Operator's own API classes (1.10.0,
 * the newest on Maven Central here), failing on any field those classes do not know.
 */
class FlinkDeploymentTest {

  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Keys of the job's YAML (flink-jobs JobConfig); the job fails on any other key. */
  private static final Set<String> JOB_CONFIG_KEYS =
      new TreeSet<>(
          List.of(
              "kafka",
              "kafka.bootstrap_servers",
              "kafka.group_id",
              "kafka.transactional_id_prefix",
              "kafka.properties",
              "kafka.bounded_input",
              "topics",
              "topics.observations",
              "topics.forecasts",
              "topics.alerts",
              "topics.dead_letters",
              "topics.skill",
              "topics.models",
              "topics.promotions",
              "delivery",
              "checkpoint_interval_ms",
              "tolerable_failed_checkpoints",
              "parallelism",
              "network_buffer_timeout_ms",
              "stream_state_ttl_ms",
              "event_time",
              "event_time.max_out_of_orderness_ms",
              "event_time.max_timestamp_skew_ms",
              "event_time.idle_timeout_ms",
              "event_time.max_future_skew_ms",
              "event_time.max_watermark_advance_ms",
              "event_time.ordering",
              "model_root",
              "models",
              "routing",
              "promotion",
              "promotion.min_scored",
              "promotion.margin",
              "promotion.memory",
              "promotion.collapse_fraction",
              "limits",
              "limits.max_record_bytes",
              "limits.max_stream_id_length",
              "limits.max_channel_name_length",
              "limits.max_channels",
              "limits.max_model_channels",
              "limits.max_streams_per_subtask",
              "limits.quarantine_after_failures",
              "limits.quarantine_ms",
              "forecast",
              "forecast.model",
              "forecast.context_length",
              "forecast.horizon_steps",
              "forecast.every_samples",
              "forecast.embedding_dimension",
              "forecast.embedding_delay",
              "forecast.ridge",
              "forecast.parrot_coordinates",
              "forecast.parrot_delay",
              "remote_inference",
              "remote_inference.enabled",
              "remote_inference.url",
              "remote_inference.model_name",
              "remote_inference.timeout_ms",
              "remote_inference.retries",
              "remote_inference.retry_backoff_ms",
              "remote_inference.breaker",
              "remote_inference.breaker.consecutive_failures",
              "remote_inference.breaker.failure_rate",
              "remote_inference.breaker.window_calls",
              "remote_inference.breaker.cool_down_ms",
              "remote_inference.fallback_model",
              "remote_inference.auth_token_file",
              "remote_inference.tls_trust_file",
              "batching",
              "batching.max_batch",
              "batching.max_delay_ms",
              "quality",
              "quality.gap_factor",
              "quality.warmup_samples",
              "quality.flat_line_samples",
              "quality.nan_burst_window",
              "quality.nan_burst_threshold",
              "quality.channel_change_records",
              "drift",
              "drift.enabled",
              "drift.reference_samples",
              "drift.reference_seconds",
              "drift.calibration_samples",
              "drift.calibration_seconds",
              "drift.baseline_half_life_blocks",
              "drift.anomaly_tail_probability",
              "drift.hop",
              "drift.window",
              "drift.open_z",
              "drift.tail_factor",
              "drift.resolve_z",
              "drift.critical_z",
              "drift.corroboration",
              "drift.min_duration_blocks",
              "drift.resolve_blocks",
              "drift.cooldown_blocks",
              "drift.storm_window_ms",
              "drift.storm_max_opens"));

  /**
   * Binds the rendered resource. The 1.10.0 API's FlinkVersion enum ends at v1_20, so flinkVersion
   * (a Flink 2 version) is checked on its own and left out of the binding.
   */
  static FlinkDeployment bind(Chart.Manifests manifests) throws Exception {
    ObjectNode resource = (ObjectNode) manifests.one("FlinkDeployment").deepCopy();
    ((ObjectNode) resource.path("spec")).remove("flinkVersion");
    FlinkDeployment deployment = STRICT.treeToValue(resource, FlinkDeployment.class);
    assertThat(droppedFields(resource, STRICT.valueToTree(deployment), ""))
        .as("fields the operator's classes ignored")
        .isEmpty();
    assertThat(unknownFields(deployment, ""))
        .as("fields the Kubernetes model does not know")
        .isEmpty();
    return deployment;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gpu-taskmanager", "gpu-server", "s3-sasl", "trainer"})
  void shouldBindToTheOperatorsApiClassesWithoutUnknownFields(String variant) throws Exception {
    Chart.Manifests manifests = variant.isEmpty() ? Chart.render() : Chart.render(variant);
    FlinkDeployment deployment = bind(manifests);
    assertThat(deployment.getApiVersion()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(deployment.getKind()).isEqualTo("FlinkDeployment");
    assertThat(manifests.one("FlinkDeployment").at("/spec/flinkVersion").asText())
        .matches("v2_\\d+");
  }

  @Test
  void shouldRunTheJobJarWithItsConfigFromTheMountedConfigMap() throws Exception {
    Chart.Manifests manifests = Chart.render();
    FlinkDeploymentSpec spec = bind(manifests).getSpec();
    assertThat(spec.getJob().getJarURI()).isEqualTo("local:///opt/flink/usrlib/chaoscast.jar");
    // the entry class of the shaded job jar (job-jar); the CLI is not in that jar
    assertThat(spec.getJob().getEntryClass())
        .isEqualTo("io.chaoscast.jobs.pipeline.ForecastingJobMain");
    assertThat(spec.getJob().getArgs()).containsExactly("/opt/chaoscast/job.yaml");
    assertThat(spec.getJob().getParallelism()).isEqualTo(2);
    assertThat(spec.getJob().getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(spec.getJob().getState()).isEqualTo(JobState.RUNNING);
    assertThat(spec.getMode()).isEqualTo(KubernetesDeploymentMode.NATIVE);
    assertThat(spec.getImage()).isEqualTo("chaoscast/forecaster:0.1.0");

    String configMapName =
        manifests.ofKind("ConfigMap").stream()
            .filter(c -> c.at("/data/job.yaml").isTextual())
            .findFirst()
            .orElseThrow()
            .at("/metadata/name")
            .asText();
    for (PodSpec pod :
        List.of(
            spec.getJobManager().getPodTemplate().getSpec(),
            spec.getTaskManager().getPodTemplate().getSpec())) {
      Container main = pod.getContainers().get(0);
      assertThat(main.getName()).isEqualTo("flink-main-container");
      assertThat(main.getVolumeMounts())
          .anySatisfy(
              m -> {
                assertThat(m.getMountPath()).isEqualTo("/opt/chaoscast");
                assertThat(pod.getVolumes())
                    .anySatisfy(
                        v -> {
                          assertThat(v.getName()).isEqualTo(m.getName());
                          assertThat(v.getConfigMap().getName()).isEqualTo(configMapName);
                        });
              });
      assertThat(main.getPorts())
          .anySatisfy(
              p -> {
                assertThat(p.getName()).isEqualTo("metrics");
                assertThat(p.getContainerPort()).isEqualTo(9249);
              });
    }
  }

  @Test
  void shouldUseRocksDbWithIncrementalCheckpointsHaAndThePrometheusReporter() throws Exception {
    Map<String, String> config = bind(Chart.render()).getSpec().getFlinkConfiguration();
    assertThat(config)
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("execution.checkpointing.dir", "file:///flink-data/checkpoints")
        .containsEntry("execution.checkpointing.savepoint-dir", "file:///flink-data/savepoints")
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry("high-availability.storageDir", "file:///flink-data/ha")
        .containsEntry(
            "metrics.reporter.prom.factory.class",
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
        .containsEntry("metrics.reporter.prom.port", "9249");
  }

  @Test
  void shouldStartTaskManagersWithTheVectorModuleAndKeepUserJavaOptionsAfterIt() throws Exception {
    // the Java Mamba engine picks its vector kernel only when the JVM has the module
    assertThat(bind(Chart.render()).getSpec().getFlinkConfiguration())
        .containsEntry("env.java.opts.taskmanager", "--add-modules jdk.incubator.vector")
        .doesNotContainKey("env.java.opts.all");
    Map<String, String> config =
        bind(Chart.render(
                Map.of("flink.configuration.env\\.java\\.opts\\.taskmanager", "-XX:+UseZGC")))
            .getSpec()
            .getFlinkConfiguration();
    assertThat(config)
        .containsEntry(
            "env.java.opts.taskmanager", "--add-modules jdk.incubator.vector -XX:+UseZGC");
  }

  @Test
  void shouldGiveJobAndTaskManagersCpuAndMemoryTheOperatorTurnsIntoRequestsAndLimits()
      throws Exception {
    FlinkDeploymentSpec spec =
        bind(Chart.render(
                Map.of(
                    "flink.taskManager.resource.cpu",
                    2,
                    "flink.taskManager.resource.memory",
                    "4g")))
            .getSpec();
    assertThat(spec.getJobManager().getResource().getCpu()).isEqualTo(1.0);
    assertThat(spec.getJobManager().getResource().getMemory()).isEqualTo("1600m");
    assertThat(spec.getTaskManager().getResource().getCpu()).isEqualTo(2.0);
    assertThat(spec.getTaskManager().getResource().getMemory()).isEqualTo("4g");
  }

  @Test
  void shouldWriteAJobConfigWithOnlyKeysTheJobKnowsAndExactNumbers() throws Exception {
    Chart.Manifests manifests = Chart.render("s3-sasl");
    String yaml =
        manifests.ofKind("ConfigMap").stream()
            .filter(c -> c.at("/data/job.yaml").isTextual())
            .findFirst()
            .orElseThrow()
            .at("/data/job.yaml")
            .asText();
    JsonNode job = Chart.YAML.readTree(yaml);
    Set<String> keys = new TreeSet<>();
    collectKeys(job, "", keys);
    assertThat(JOB_CONFIG_KEYS).containsAll(keys);
    assertThat(keys).contains("kafka.bootstrap_servers", "forecast.ridge", "quality.gap_factor");
    assertThat(job.at("/kafka/bootstrap_servers").asText())
        .isEqualTo("broker-0.kafka:9093,broker-1.kafka:9093");
    assertThat(job.at("/kafka/properties/security.protocol").asText()).isEqualTo("SASL_SSL");
    assertThat(job.at("/stream_state_ttl_ms").isIntegralNumber()).isTrue();
    assertThat(job.at("/stream_state_ttl_ms").asLong()).isEqualTo(86_400_000L);
    assertThat(job.at("/event_time/max_timestamp_skew_ms").asLong()).isEqualTo(3_600_000L);
    assertThat(job.at("/forecast/ridge").asDouble()).isEqualTo(1.0e-6);
    assertThat(job.at("/forecast/parrot_coordinates").asInt()).isEqualTo(4);
    assertThat(job.at("/quality/gap_factor").asDouble()).isEqualTo(5.0);
    assertThat(job.at("/parallelism").asInt())
        .isEqualTo(bind(manifests).getSpec().getJob().getParallelism())
        .isEqualTo(4);
    assertThat(job.at("/delivery").asText()).isEqualTo("exactly_once");
  }

  @Test
  void shouldTurnOnRemoteInferenceInTheJobConfigOnlyWhenThereIsAServer() throws Exception {
    JsonNode job = jobConfig(Chart.render("gpu-server"));
    Set<String> keys = new TreeSet<>();
    collectKeys(job, "", keys);
    assertThat(JOB_CONFIG_KEYS).containsAll(keys);
    JsonNode remote = job.path("remote_inference");
    assertThat(remote.path("enabled").asBoolean()).isTrue();
    // the URL comes from the pod's CHAOSCAST_INFERENCE_URL, which the chart sets
    assertThat(remote.path("url").asText()).isEqualTo("${env:CHAOSCAST_INFERENCE_URL}");
    assertThat(remote.path("model_name").asText()).isEqualTo("forecaster");
    assertThat(remote.at("/breaker/failure_rate").asDouble()).isEqualTo(0.5);
    assertThat(remote.at("/breaker/cool_down_ms").asLong()).isEqualTo(5000);
    assertThat(remote.path("fallback_model").asText()).isEqualTo("nvar");

    assertThat(jobConfig(Chart.render()).has("remote_inference")).isFalse();
  }

  private static JsonNode jobConfig(Chart.Manifests manifests) throws Exception {
    String yaml =
        manifests.ofKind("ConfigMap").stream()
            .filter(c -> c.at("/data/job.yaml").isTextual())
            .findFirst()
            .orElseThrow()
            .at("/data/job.yaml")
            .asText();
    return Chart.YAML.readTree(yaml);
  }

  @Test
  void shouldRestartTheJobThroughTheOperatorWhenItsConfigChanges() throws Exception {
    String before =
        bind(Chart.render())
            .getSpec()
            .getTaskManager()
            .getPodTemplate()
            .getMetadata()
            .getAnnotations()
            .get("checksum/job-config");
    String after =
        bind(Chart.render(Map.of("job.forecast.horizonSteps", 40)))
            .getSpec()
            .getTaskManager()
            .getPodTemplate()
            .getMetadata()
            .getAnnotations()
            .get("checksum/job-config");
    assertThat(before).isNotBlank().isNotEqualTo(after);
  }

  @Test
  void shouldCatchFieldsTheOperatorOrKubernetesModelDoesNotKnow() throws Exception {
    ObjectNode resource = (ObjectNode) Chart.render().one("FlinkDeployment").deepCopy();
    ((ObjectNode) resource.path("spec")).remove("flinkVersion");
    ObjectNode misspelledSpec = resource.deepCopy();
    ((ObjectNode) misspelledSpec.path("spec")).put("jobManger", "oops");
    FlinkDeployment lenient = STRICT.treeToValue(misspelledSpec, FlinkDeployment.class);
    assertThat(droppedFields(misspelledSpec, STRICT.valueToTree(lenient), ""))
        .containsExactly(".spec.jobManger");
    ObjectNode misspelledPod = resource.deepCopy();
    ((ObjectNode) misspelledPod.at("/spec/taskManager/podTemplate/spec/containers/0"))
        .put("volumeMount", "oops");
    assertThat(unknownFields(STRICT.treeToValue(misspelledPod, FlinkDeployment.class), ""))
        .anySatisfy(p -> assertThat(p).endsWith("volumeMount"));
  }

  private static void collectKeys(JsonNode node, String prefix, Set<String> keys) {
    if (prefix.equals("kafka.properties")) {
      return;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
              keys.add(key);
              if (e.getValue().isObject()) {
                collectKeys(e.getValue(), key, keys);
              }
            });
  }

  /**
   * Paths of fields in the input that did not survive binding and writing back: names the
   * operator's classes ignore (they accept unknown properties silently).
   */
  static List<String> droppedFields(JsonNode input, JsonNode output, String path) {
    List<String> dropped = new ArrayList<>();
    if (input.isObject()) {
      input
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode out = output.path(e.getKey());
                if (out.isMissingNode() || out.isNull()) {
                  dropped.add(path + "." + e.getKey());
                } else {
                  dropped.addAll(droppedFields(e.getValue(), out, path + "." + e.getKey()));
                }
              });
    } else if (input.isArray()) {
      for (int i = 0; i < input.size(); i++) {
        dropped.addAll(droppedFields(input.get(i), output.path(i), path + "[" + i + "]"));
      }
    }
    return dropped;
  }

  /**
   * Paths of fields that landed in a fabric8 model's catch-all additionalProperties: names the
   * Kubernetes model does not know (fabric8 classes accept them instead of failing).
   */
  static List<String> unknownFields(Object root, String path) throws Exception {
    List<String> unknown = new ArrayList<>();
    walk(root, path, unknown, new IdentityHashMap<>());
    return unknown;
  }

  private static void walk(
      Object value, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen)
      throws Exception {
    if (value == null || seen.containsKey(value)) {
      return;
    }
    String pkg = value.getClass().getPackageName();
    if (value instanceof Iterable<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), unknown, seen);
      }
      return;
    }
    if (!(pkg.startsWith("io.fabric8")
        || pkg.startsWith("org.apache.flink.kubernetes.operator.api"))) {
      return;
    }
    seen.put(value, true);
    if (value instanceof KubernetesResource) {
      try {
        Method additional = value.getClass().getMethod("getAdditionalProperties");
        Object extra = additional.invoke(value);
        if (extra instanceof Map<?, ?> m && !m.isEmpty()) {
          m.keySet().forEach(k -> unknown.add(path + "." + k));
        }
      } catch (NoSuchMethodException ignored) {
        // a model class without a catch-all
      }
    }
    for (PropertyDescriptor property :
        Introspector.getBeanInfo(value.getClass()).getPropertyDescriptors()) {
      Method getter = property.getReadMethod();
      if (getter == null
          || getter.getParameterCount() > 0
          || property.getName().equals("additionalProperties")
          || property.getName().equals("class")) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      walk(child, path + "." + property.getName(), unknown, seen);
    }
  }
}
