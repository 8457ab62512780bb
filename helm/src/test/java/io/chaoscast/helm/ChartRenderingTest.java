package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartRenderingTest {

  private static final String FULLNAME = "forecaster-chaoscast";

  @Test
  void shouldRenderTheServiceWithDefaultValues() {
    assertThat(Chart.render().kinds())
        .containsExactly(
            "ConfigMap",
            "ConfigMap",
            "ConfigMap",
            "ConfigMap",
            "FlinkDeployment",
            "NetworkPolicy",
            "PersistentVolumeClaim",
            "PodMonitor",
            "PrometheusRule",
            "Role",
            "RoleBinding",
            "ServiceAccount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gpu-taskmanager", "gpu-server", "s3-sasl", "trainer"})
  void shouldRunEveryContainerAsNonRootOnAReadOnlyRootFilesystem(String variant) {
    Chart.Manifests manifests = variant.isEmpty() ? Chart.render() : Chart.render(variant);
    assertThat(manifests.containers()).isNotEmpty();
    for (JsonNode container : manifests.containers()) {
      JsonNode security = container.path("securityContext");
      assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
      assertThat(security.path("capabilities").path("drop"))
          .extracting(JsonNode::asText)
          .contains("ALL");
    }
    for (JsonNode podSpec : manifests.podSpecs()) {
      assertThat(podSpec.path("securityContext").path("runAsUser").asInt()).isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gpu-taskmanager", "gpu-server", "s3-sasl", "trainer"})
  void shouldNeverRenderASecretNorASecretValue(String variant) {
    Chart.Manifests manifests = variant.isEmpty() ? Chart.render() : Chart.render(variant);
    assertThat(manifests.kinds()).doesNotContain("Secret");
    for (JsonNode container : manifests.containers()) {
      for (JsonNode env : container.path("env")) {
        String name = env.path("name").asText();
        if (name.contains("SECRET") || name.contains("JAAS") || name.contains("ACCESS_KEY")) {
          assertThat(env.has("value")).as(name).isFalse();
          assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asText())
              .as(name)
              .isNotBlank();
        }
      }
    }
  }

  @Test
  void shouldReadKafkaCredentialsFromTheSecretAndReferenceThemInTheJobConfig() {
    Chart.Manifests manifests = Chart.render("s3-sasl");
    String jobYaml =
        manifests
            .named("ConfigMap", FULLNAME + "-job-config")
            .path("data")
            .path("job.yaml")
            .asText();
    assertThat(jobYaml)
        .contains("\"sasl.jaas.config\": \"${env:CHAOSCAST_KAFKA_SASL_JAAS_CONFIG}\"");
    for (JsonNode container : manifests.containers()) {
      assertThat(container.path("env").findParents("name"))
          .anySatisfy(
              env -> {
                assertThat(env.path("name").asText()).isEqualTo("CHAOSCAST_KAFKA_SASL_JAAS_CONFIG");
                assertThat(env.at("/valueFrom/secretKeyRef/name").asText())
                    .isEqualTo("chaoscast-kafka");
                assertThat(env.at("/valueFrom/secretKeyRef/key").asText())
                    .isEqualTo("sasl.jaas.config");
              });
    }
  }

  @Test
  void shouldPutS3CheckpointsSavepointsAndHaUnderTheBucket() {
    Map<String, String> config = flinkConfiguration(Chart.render("s3-sasl"));
    assertThat(config)
        .containsEntry(
            "execution.checkpointing.dir", "s3://flink-state/" + FULLNAME + "/checkpoints")
        .containsEntry(
            "execution.checkpointing.savepoint-dir", "s3://flink-state/" + FULLNAME + "/savepoints")
        .containsEntry("high-availability.storageDir", "s3://flink-state/" + FULLNAME + "/ha")
        .containsEntry("s3.endpoint", "http://minio.storage.svc:9000")
        .containsEntry("s3.path.style.access", "true")
        .containsEntry("kubernetes.operator.periodic.savepoint.interval", "6h");
    assertThat(Chart.render("s3-sasl").kinds()).doesNotContain("PersistentVolumeClaim");
  }

  @Test
  void shouldKeepThePvcOfCheckpointsWhenTheReleaseIsUninstalled() {
    JsonNode claim = Chart.render().one("PersistentVolumeClaim");
    assertThat(claim.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .isEqualTo("keep");
    assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");
  }

  @Test
  void shouldRunGpuTaskManagersThroughFlinksExternalResourceFramework() {
    Chart.Manifests manifests = Chart.render("gpu-taskmanager");
    Map<String, String> config = flinkConfiguration(manifests);
    assertThat(config)
        .containsEntry("external-resources", "gpu")
        .containsEntry("external-resource.gpu.amount", "1")
        .containsEntry(
            "external-resource.gpu.driver-factory.class",
            "org.apache.flink.externalresource.gpu.GPUDriverFactory")
        .containsEntry("external-resource.gpu.kubernetes.config-key", "nvidia.com/gpu");
    JsonNode spec = manifests.one("FlinkDeployment").path("spec");
    JsonNode taskManager = spec.at("/taskManager/podTemplate/spec");
    assertThat(taskManager.at("/containers/0/resources/limits/nvidia.com~1gpu").asInt())
        .isEqualTo(1);
    assertThat(taskManager.at("/nodeSelector/nvidia.com~1gpu.present").asText()).isEqualTo("true");
    assertThat(taskManager.path("tolerations").findValuesAsText("key")).contains("nvidia.com/gpu");
    JsonNode jobManager = spec.at("/jobManager/podTemplate/spec");
    assertThat(jobManager.at("/containers/0/resources").isMissingNode()).isTrue();
    assertThat(jobManager.path("nodeSelector").isMissingNode()).isTrue();
  }

  @Test
  void shouldRunTheInferenceServerOnGpuNodesAndPointTheJobAtIt() {
    Chart.Manifests manifests = Chart.render("gpu-server");
    JsonNode deployment = manifests.named("Deployment", FULLNAME + "-inference");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode server = pod.at("/containers/0");
    assertThat(server.at("/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
    assertThat(server.at("/resources/requests/memory").asText()).isNotBlank();
    assertThat(pod.at("/nodeSelector/nvidia.com~1gpu.present").asText()).isEqualTo("true");
    assertThat(pod.path("tolerations").findValuesAsText("key")).contains("nvidia.com/gpu");
    assertThat(server.path("args"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "serve",
            "--model",
            "/models/forecaster",
            "--port",
            "8080",
            "--name",
            "forecaster",
            "--device",
            "gpu",
            "--host",
            "0.0.0.0");
    assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText())
        .isEqualTo("chaoscast-models");

    JsonNode service = manifests.named("Service", FULLNAME + "-inference");
    assertThat(service.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);

    JsonNode taskManager =
        manifests.one("FlinkDeployment").at("/spec/taskManager/podTemplate/spec/containers/0");
    assertThat(taskManager.path("env").findParents("name"))
        .anySatisfy(
            env -> {
              assertThat(env.path("name").asText()).isEqualTo("CHAOSCAST_INFERENCE_URL");
              assertThat(env.path("value").asText())
                  .isEqualTo("http://" + FULLNAME + "-inference." + Chart.NAMESPACE + ".svc:8080");
            });
    assertThat(flinkConfiguration(manifests)).doesNotContainKey("external-resources");
  }

  @Test
  void shouldNotPointTheJobAtAnInferenceServerByDefault() {
    for (JsonNode container : Chart.render().containers()) {
      assertThat(container.path("env").findValuesAsText("name"))
          .doesNotContain("CHAOSCAST_INFERENCE_URL");
    }
  }

  @Test
  void shouldPreferTheImageDigestOverTheTag() {
    String digest = "sha256:" + "ab".repeat(32);
    JsonNode spec =
        Chart.render(Map.of("image.tag", "9.9.9", "image.digest", digest))
            .one("FlinkDeployment")
            .path("spec");
    assertThat(spec.path("image").asText()).isEqualTo("chaoscast/forecaster@" + digest);
    assertThat(
            Chart.render(Map.of("image.tag", "9.9.9"))
                .one("FlinkDeployment")
                .at("/spec/image")
                .asText())
        .isEqualTo("chaoscast/forecaster:9.9.9");
  }

  @Test
  void shouldTruncateTheFullNameTo63Characters() {
    String longName = "n".repeat(60);
    Chart.Manifests manifests =
        Chart.render(
            Map.of(
                "nameOverride",
                longName,
                "gpu.mode",
                "server",
                "gpu.server.modelVolume.emptyDir.medium",
                "Memory"));
    List<String> names = new ArrayList<>();
    manifests.documents().forEach(d -> names.add(d.at("/metadata/name").asText()));
    assertThat(names).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(63));
    assertThat(manifests.one("FlinkDeployment").at("/metadata/name").asText())
        .isEqualTo((Chart.RELEASE + "-" + longName).substring(0, 63));
  }

  @Test
  void shouldLabelEveryResourceForTheRelease() {
    for (JsonNode document : Chart.render("gpu-server").documents()) {
      JsonNode labels = document.at("/metadata/labels");
      assertThat(labels.path("app.kubernetes.io/instance").asText()).isEqualTo(Chart.RELEASE);
      assertThat(labels.path("app.kubernetes.io/name").asText()).isEqualTo("chaoscast");
      assertThat(labels.path("app.kubernetes.io/part-of").asText()).isEqualTo("chaoscast");
      assertThat(labels.path("helm.sh/chart").asText()).isEqualTo("chaoscast-0.1.0");
    }
  }

  static Map<String, String> flinkConfiguration(Chart.Manifests manifests) {
    Map<String, String> config = new java.util.TreeMap<>();
    manifests
        .one("FlinkDeployment")
        .at("/spec/flinkConfiguration")
        .fields()
        .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }
}
