package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.jobs.cli.ForecasterCli;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.trainer.TrainerOptions;
import io.chaoscast.jobs.trainer.TrainerSlots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.ParseResult;

/**
 * The trainer Deployment (trainer.enabled, values in ci/trainer-values.yaml): the job's own YAML
 * and every option as an argument the real command line takes, artifacts written to the claim the
 * TaskManagers read model_root from, Kafka secrets as the job gets them, egress to Kafka and DNS
 * only, and a failed render naming what to set where the trainer would write what the job never
 * reads.
 */
class TrainerDeploymentTest {

  private static final String NAME = "forecaster-chaoscast-trainer";

  @TempDir Path scratch;

  @Test
  void shouldRenderNoTrainerByDefault() {
    Chart.Manifests manifests = Chart.render();
    assertThat(manifests.ofKind("Deployment")).isEmpty();
    assertThat(manifests.ofKind("NetworkPolicy"))
        .noneSatisfy(p -> assertThat(p.at("/metadata/name").asText()).isEqualTo(NAME));
  }

  @Test
  void shouldRunTheTrainerWithTheJobsConfigMapAndEveryOptionAsAnArgument() {
    Chart.Manifests manifests = Chart.render("trainer");
    JsonNode deployment = manifests.named("Deployment", NAME);
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(container.path("image").asText()).isEqualTo("chaoscast/trainer:0.1.0");
    assertThat(texts(container.path("command")))
        .containsExactly(
            "java", "-cp", "/opt/chaoscast/lib/*", "io.chaoscast.jobs.cli.ForecasterCli");
    assertThat(texts(container.path("args")))
        .containsExactly(
            "trainer",
            "--config",
            "/opt/chaoscast/job.yaml",
            "--group-id",
            "chaoscast-trainer",
            "--schedule",
            "30s",
            "--history",
            "2000",
            "--holdout",
            "400",
            "--retrain-after",
            "1000",
            "--max-streams",
            "10000",
            "--max-concurrent-fits",
            "2",
            "--candidates",
            "nvar,esn",
            "--keep-versions",
            "3",
            "--status-every",
            "10s");
    // The job's ConfigMap, at the path --config names.
    assertThat(mount(container, "job-config").path("mountPath").asText())
        .isEqualTo("/opt/chaoscast");
    assertThat(volume(pod, "job-config").at("/configMap/name").asText())
        .isEqualTo(
            manifests.ofKind("ConfigMap").stream()
                .filter(c -> c.at("/data/job.yaml").isTextual())
                .findFirst()
                .orElseThrow()
                .at("/metadata/name")
                .asText());
    // A job config change restarts the trainers as it upgrades the job.
    assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1job-config").asText())
        .isEqualTo(
            manifests
                .one("FlinkDeployment")
                .at("/spec/taskManager/podTemplate/metadata/annotations/checksum~1job-config")
                .asText());
    // The pods' security context, a read-only root filesystem, no API token.
    assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(9999);
    assertThat(pod.path("securityContext").path("fsGroup").asInt()).isEqualTo(9999);
    assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(mount(container, "tmp").path("mountPath").asText()).isEqualTo("/tmp");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("2Gi");
    assertThat(env(container, "JDK_JAVA_OPTIONS").path("value").asText())
        .isEqualTo("-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=75");
  }

  @Test
  void shouldUseTheJobImageWhenTheTrainerNamesNone() throws Exception {
    Path values =
        values(
            """
            image:
              digest: sha256:%s
            trainer:
              image:
                repository: ""
            """
                .formatted("a".repeat(64)));
    JsonNode container =
        Chart.render(List.of(Chart.variant("trainer"), values), Map.of())
            .named("Deployment", NAME)
            .at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText())
        .isEqualTo("chaoscast/forecaster@sha256:" + "a".repeat(64));
  }

  /**
   * The rendered arguments through the forecaster's own command line, and the rendered job YAML
   * through the job's own loader, make trainer options the trainer accepts: no flag it does not
   * know, no value it refuses, and a store under model_root.
   */
  @Test
  void shouldMakeOptionsTheTrainerAcceptsFromTheRenderedArgumentsAndJobConfig() throws Exception {
    Path mount = scratch.resolve("flink-data");
    Path modelRoot = Files.createDirectories(mount.resolve("models"));
    // The slot's first artifact, as the demo makes it: the job loads every configured model.
    JobConfig.ModelEntry slot =
        TrainerSlots.create(Map.of("pump-7", "nvar"), Map.of("pump-7", 1), modelRoot, 200)
            .models()
            .get(0);
    assertThat(slot.name()).isEqualTo("trained-pump-7");
    Map<String, Object> sets = new HashMap<>();
    sets.put("storage.pvc.mountPath", mount.toString());
    sets.put("job.modelRoot", modelRoot.toString());
    sets.put("job.models[0].name", slot.name());
    sets.put("job.models[0].path", slot.path());
    sets.put("trainer.schedule", "5m");
    sets.put("trainer.history", 3000);
    sets.put("trainer.candidates[0]", "esn");
    sets.put("trainer.keepVersions", 5);
    Chart.Manifests manifests = Chart.render(List.of(Chart.variant("trainer")), sets);
    JsonNode container = manifests.named("Deployment", NAME).at("/spec/template/spec/containers/0");

    ParseResult parsed =
        ForecasterCli.commandLine().parseArgs(texts(container.path("args")).toArray(String[]::new));
    ParseResult trainer = parsed.subcommand();
    assertThat(trainer.commandSpec().name()).isEqualTo("trainer");
    JobConfig job =
        new JobConfigLoader(name -> null)
            .parse(JobConfigValuesTest.jobYaml(manifests), "rendered job.yaml");
    TrainerOptions options =
        new TrainerOptions(
            job,
            trainer.matchedOptionValue("--group-id", null),
            trainer.matchedOptionValue("--schedule", null),
            trainer.matchedOptionValue("--history", 0),
            trainer.matchedOptionValue("--holdout", 0),
            trainer.matchedOptionValue("--retrain-after", 0),
            trainer.matchedOptionValue("--max-streams", 0),
            trainer.matchedOptionValue("--max-concurrent-fits", 0),
            trainer.matchedOptionValue("--candidates", List.of()),
            null,
            trainer.matchedOptionValue("--keep-versions", -1),
            trainer.matchedOptionValue("--status-every", null));

    assertThat(options.problems()).isEmpty();
    assertThat(options.schedule()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.historySamples()).isEqualTo(3000);
    assertThat(options.maxConcurrentFits()).isEqualTo(2);
    assertThat(options.candidates()).containsExactly("esn");
    assertThat(options.keepVersions()).isEqualTo(5);
    assertThat(job.topics().models()).isEqualTo("models");
    assertThat(job.topics().promotions()).isEqualTo("promotions");
    assertThat(job.routing())
        .containsExactly(new JobConfig.RouteRule("pump-7", "nvar", "trained-pump-7"));
    assertThat(options.storeDir()).isEqualTo(modelRoot.resolve("trainer"));
  }

  /** model_root is a directory on the claim the TaskManagers mount, at the same path. */
  @Test
  void shouldWriteToTheClaimTheTaskManagersReadModelRootFrom() throws Exception {
    Chart.Manifests manifests = Chart.render("trainer");
    JsonNode pod = manifests.named("Deployment", NAME).at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    JsonNode taskManager =
        manifests.one("FlinkDeployment").at("/spec/taskManager/podTemplate/spec");

    JsonNode trainerMount = mount(container, "flink-data");
    JsonNode taskManagerMount = mount(taskManager.at("/containers/0"), "flink-data");
    assertThat(trainerMount.path("mountPath").asText())
        .isEqualTo(taskManagerMount.path("mountPath").asText())
        .isEqualTo("/flink-data");
    assertThat(trainerMount.path("readOnly").asBoolean()).as("the trainer writes").isFalse();
    assertThat(volume(pod, "flink-data").at("/persistentVolumeClaim/claimName").asText())
        .isEqualTo(
            volume(taskManager, "flink-data").at("/persistentVolumeClaim/claimName").asText())
        .isEqualTo("forecaster-chaoscast-flink-data");
    assertThat(
            manifests
                .named("PersistentVolumeClaim", "forecaster-chaoscast-flink-data")
                .at("/spec/accessModes"))
        .extracting(JsonNode::asText)
        .containsExactly("ReadWriteMany");
    assertThat(
            Chart.YAML.readTree(JobConfigValuesTest.jobYaml(manifests)).path("model_root").asText())
        .isEqualTo("/flink-data/models")
        .startsWith(trainerMount.path("mountPath").asText() + "/");

    // An existing claim is used the same way by both.
    Chart.Manifests existing =
        Chart.render(
            List.of(Chart.variant("trainer")),
            Map.of("storage.pvc.create", false, "storage.pvc.claimName", "shared-models"));
    assertThat(
            volume(existing.named("Deployment", NAME).at("/spec/template/spec"), "flink-data")
                .at("/persistentVolumeClaim/claimName")
                .asText())
        .isEqualTo("shared-models");
  }

  @Test
  void shouldGiveTheTrainerTheKafkaSecretsAndInferenceUrlExactlyAsTheTaskManagersGetThem() {
    Chart.Manifests manifests =
        Chart.render(
            List.of(Chart.variant("trainer"), Chart.variant("gpu-server")),
            Map.of(
                "kafka.credentials.secretName", "kafka-sasl",
                "kafka.tls.trustStore.secretName", "kafka-ca"));
    JsonNode pod = manifests.named("Deployment", NAME).at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    JsonNode taskManager =
        manifests.one("FlinkDeployment").at("/spec/taskManager/podTemplate/spec");
    JsonNode taskManagerContainer = taskManager.at("/containers/0");

    for (String name :
        List.of(
            "CHAOSCAST_KAFKA_SASL_JAAS_CONFIG",
            "CHAOSCAST_KAFKA_TRUSTSTORE_PASSWORD",
            "CHAOSCAST_INFERENCE_URL")) {
      assertThat(env(container, name)).as(name).isEqualTo(env(taskManagerContainer, name));
    }
    assertThat(
            env(container, "CHAOSCAST_KAFKA_SASL_JAAS_CONFIG")
                .at("/valueFrom/secretKeyRef/name")
                .asText())
        .isEqualTo("kafka-sasl");
    assertThat(volume(pod, "kafka-trust-store"))
        .isEqualTo(volume(taskManager, "kafka-trust-store"));
    assertThat(mount(container, "kafka-trust-store"))
        .isEqualTo(mount(taskManagerContainer, "kafka-trust-store"));
    // No other secret: not the inference server's token, not S3 keys.
    assertThat(pod.path("volumes"))
        .extracting(v -> v.path("name").asText())
        .containsExactlyInAnyOrder("job-config", "flink-data", "tmp", "kafka-trust-store");
  }

  @Test
  void shouldAdmitNoIngressAndAllowEgressOnlyToTheKafkaPortsAndDns() {
    JsonNode policy = Chart.render("trainer").named("NetworkPolicy", NAME);

    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText())
        .isEqualTo("trainer");
    assertThat(policy.at("/spec/policyTypes"))
        .extracting(JsonNode::asText)
        .containsExactly("Ingress", "Egress");
    assertThat(policy.at("/spec").has("ingress"))
        .as("no ingress rule: nothing may connect")
        .isFalse();
    JsonNode egress = policy.at("/spec/egress");
    assertThat(egress).hasSize(2);
    assertThat(egress.get(0).path("ports").findValuesAsText("port")).containsExactly("9092");
    assertThat(egress.get(0).has("to")).isFalse();
    assertThat(egress.get(1).path("ports").findValuesAsText("port")).containsExactly("53", "53");
    assertThat(egress.get(1).path("ports").findValuesAsText("protocol"))
        .containsExactly("UDP", "TCP");
    assertThat(egress.get(1).at("/to/0/podSelector/matchLabels/k8s-app").asText())
        .isEqualTo("kube-dns");
  }

  @Test
  void shouldNarrowKafkaEgressToTheConfiguredBrokersAndTheirPorts() throws Exception {
    Path values =
        values(
            """
            kafka:
              bootstrapServers: broker-0.kafka:9093,broker-1.kafka:9093,broker-2.kafka:9094
            networkPolicy:
              trainer:
                kafka:
                  to:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: kafka
                dns:
                  to: []
            """);
    JsonNode egress =
        Chart.render(List.of(Chart.variant("trainer"), values), Map.of())
            .named("NetworkPolicy", NAME)
            .at("/spec/egress");

    assertThat(egress).hasSize(1);
    assertThat(egress.get(0).path("ports").findValuesAsText("port"))
        .containsExactly("9093", "9094");
    assertThat(
            egress
                .get(0)
                .at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                .asText())
        .isEqualTo("kafka");

    JsonNode listed =
        Chart.render(
                List.of(Chart.variant("trainer")),
                Map.of("networkPolicy.trainer.kafka.ports[0]", 9095))
            .named("NetworkPolicy", NAME)
            .at("/spec/egress/0/ports");
    assertThat(listed.findValuesAsText("port")).containsExactly("9095");
  }

  @Test
  void shouldRefuseTheTrainerWithoutAModelsTopicSayingWhatToSet() throws Exception {
    Path values = values("job:\n  topics:\n    models: \"\"\n");
    assertThatThrownBy(() -> Chart.render(List.of(Chart.variant("trainer"), values), Map.of()))
        .hasMessageContaining("trainer.enabled needs job.topics.models")
        .hasMessageContaining("job.topics.promotions");
  }

  @Test
  void shouldRefuseTheTrainerWhenNoStorageIsSharedWithTheTaskManagers() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    List.of(Chart.variant("trainer")),
                    Map.of("storage.type", "s3", "storage.s3.bucket", "checkpoints")))
        .hasMessageContaining("trainer.enabled needs storage.type pvc")
        .hasMessageContaining("ReadWriteMany");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/models", "/flink-data-other/models", "flink-data/models"})
  void shouldRefuseAModelRootOutsideTheSharedClaim(String modelRoot) {
    assertThatThrownBy(
            () ->
                Chart.render(List.of(Chart.variant("trainer")), Map.of("job.modelRoot", modelRoot)))
        .hasMessageContaining(
            "trainer.enabled needs job.modelRoot under storage.pvc.mountPath (/flink-data), e.g."
                + " /flink-data/models");
  }

  @Test
  void shouldRequireACommandSinceNoImageOfThisRepositoryHoldsTheTrainer() throws Exception {
    Path values = values("trainer:\n  command: []\n");
    assertThatThrownBy(() -> Chart.render(List.of(Chart.variant("trainer"), values), Map.of()))
        .hasMessageContaining("trainer.command is required");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "trainer.candidates[0]=mamba",
        "trainer.schedule=30",
        "trainer.maxConcurrentFits=0",
        "trainer.history=0",
        "networkPolicy.trainer.kafka.ports[0]=70000"
      })
  void shouldRejectAnInvalidTrainerValueThroughTheSchema(String set) {
    String[] kv = set.split("=", 2);
    Object value = kv[1].matches("-?[0-9]+") ? (Object) Long.parseLong(kv[1]) : kv[1];
    assertThatThrownBy(() -> Chart.render(List.of(Chart.variant("trainer")), Map.of(kv[0], value)))
        .hasMessageContaining("schema");
  }

  private Path values(String yaml) throws Exception {
    Path file = Files.createTempFile(scratch, "values", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static JsonNode mount(JsonNode container, String name) {
    return find(container.path("volumeMounts"), name);
  }

  private static JsonNode volume(JsonNode pod, String name) {
    return find(pod.path("volumes"), name);
  }

  private static JsonNode env(JsonNode container, String name) {
    return find(container.path("env"), name);
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode item : list) {
      if (name.equals(item.path("name").asText())) {
        return item;
      }
    }
    throw new AssertionError("no " + name + " in " + list);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
