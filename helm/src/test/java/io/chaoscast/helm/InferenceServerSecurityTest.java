package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inference server's token and TLS from Secrets, wired into the server and the job alike; its
 * probes on the real health endpoints; its JVM bounded and exiting on OutOfMemoryError.
 */
class InferenceServerSecurityTest {

  private static final String FULLNAME = "forecaster-chaoscast";
  private static final String DIR = "/etc/chaoscast/inference";

  @Test
  void shouldProbeTheHealthEndpointsOverHttpAndMountNoSecretsByDefault() throws Exception {
    Chart.Manifests manifests = Chart.render("gpu-server");
    JsonNode server = server(manifests);

    assertThat(server.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/v2/health/ready");
    assertThat(server.at("/readinessProbe/httpGet/scheme").asText()).isEqualTo("HTTP");
    assertThat(server.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/v2/health/live");
    assertThat(server.at("/livenessProbe/httpGet/scheme").asText()).isEqualTo("HTTP");
    assertThat(server.at("/livenessProbe").has("tcpSocket")).isFalse();
    assertThat(args(server)).doesNotContain("--auth-token-file", "--tls-cert-file");
    assertThat(server.path("volumeMounts").findValuesAsText("name")).doesNotContain("secrets");
    assertThat(flinkVolumeNames(manifests)).doesNotContain("inference-client");
    JsonNode remote = jobConfig(manifests).path("remote_inference");
    assertThat(remote.has("auth_token_file")).isFalse();
    assertThat(remote.has("tls_trust_file")).isFalse();
  }

  @Test
  void shouldExitOnOutOfMemoryAndBoundTheHeapByDefault() {
    assertThat(javaOptions(Chart.render("gpu-server")))
        .isEqualTo(
            "-XX:+ExitOnOutOfMemoryError --add-modules jdk.incubator.vector"
                + " -XX:MaxRAMPercentage=50");
  }

  @Test
  void shouldSetAFixedHeapAndExtraOptionsFromValues() {
    Chart.Manifests manifests =
        Chart.render(
            List.of(Chart.variant("gpu-server")),
            Map.of(
                "gpu.server.jvm.maxHeap", "3g",
                "gpu.server.jvm.extraOptions[0]", "-XX:+UseZGC"));
    assertThat(javaOptions(manifests))
        .isEqualTo(
            "-XX:+ExitOnOutOfMemoryError --add-modules jdk.incubator.vector -Xmx3g -XX:+UseZGC");
  }

  @Test
  void shouldGiveServerAndJobTheTokenFromTheSecret() throws Exception {
    Chart.Manifests manifests =
        Chart.render(
            List.of(Chart.variant("gpu-server")),
            Map.of(
                "gpu.server.auth.secretName", "inference-token", "gpu.server.auth.tokenKey", "t"));
    JsonNode server = server(manifests);

    assertThat(args(server)).containsSubsequence("--auth-token-file", DIR + "/token");
    assertThat(args(server)).doesNotContain("--tls-cert-file");
    assertThat(server.at("/readinessProbe/httpGet/scheme").asText()).isEqualTo("HTTP");
    JsonNode sources = volume(pod(manifests), "secrets").at("/projected/sources");
    assertThat(sources).hasSize(1);
    assertThat(sources.at("/0/secret/name").asText()).isEqualTo("inference-token");
    assertThat(sources.at("/0/secret/items/0/key").asText()).isEqualTo("t");
    assertThat(sources.at("/0/secret/items/0/path").asText()).isEqualTo("token");
    assertThat(mountPath(server, "secrets")).isEqualTo(DIR);

    for (JsonNode flinkPod : flinkPods(manifests)) {
      JsonNode client = volume(flinkPod, "inference-client").at("/projected/sources");
      assertThat(client).hasSize(1);
      assertThat(client.at("/0/secret/name").asText()).isEqualTo("inference-token");
      assertThat(mountPath(flinkPod.at("/containers/0"), "inference-client")).isEqualTo(DIR);
    }
    JsonNode remote = jobConfig(manifests).path("remote_inference");
    assertThat(remote.path("auth_token_file").asText()).isEqualTo(DIR + "/token");
    assertThat(remote.has("tls_trust_file")).isFalse();
    assertThat(env(manifests, "CHAOSCAST_INFERENCE_URL")).startsWith("http://");
  }

  @Test
  void shouldServeHttpsFromTheTlsSecretAndGiveTheJobOnlyItsCaCertificate() throws Exception {
    Chart.Manifests manifests =
        Chart.render(
            List.of(Chart.variant("gpu-server")),
            Map.of("gpu.server.tls.secretName", "inference-tls"));
    JsonNode server = server(manifests);

    assertThat(args(server))
        .containsSubsequence(
            "--tls-cert-file", DIR + "/tls/tls.crt", "--tls-key-file", DIR + "/tls/tls.key");
    assertThat(args(server)).doesNotContain("--auth-token-file");
    assertThat(server.at("/readinessProbe/httpGet/scheme").asText()).isEqualTo("HTTPS");
    assertThat(server.at("/livenessProbe/httpGet/scheme").asText()).isEqualTo("HTTPS");
    JsonNode tls = volume(pod(manifests), "secrets").at("/projected/sources/0/secret");
    assertThat(tls.path("name").asText()).isEqualTo("inference-tls");
    assertThat(tls.path("items").findValuesAsText("path"))
        .containsExactly("tls/tls.crt", "tls/tls.key");

    for (JsonNode flinkPod : flinkPods(manifests)) {
      JsonNode client = volume(flinkPod, "inference-client").at("/projected/sources");
      assertThat(client).hasSize(1);
      assertThat(client.at("/0/secret/name").asText()).isEqualTo("inference-tls");
      assertThat(client.at("/0/secret/items").findValuesAsText("key")).containsExactly("ca.crt");
    }
    JsonNode remote = jobConfig(manifests).path("remote_inference");
    assertThat(remote.path("tls_trust_file").asText()).isEqualTo(DIR + "/tls/ca.crt");
    assertThat(remote.has("auth_token_file")).isFalse();
    assertThat(env(manifests, "CHAOSCAST_INFERENCE_URL"))
        .isEqualTo("https://" + FULLNAME + "-inference." + Chart.NAMESPACE + ".svc:8080");
  }

  @Test
  void shouldWireTheClientSideForAServerRunElsewhere() throws Exception {
    Chart.Manifests manifests =
        Chart.render(
            Map.of(
                "gpu.server.url", "https://inference.example.com:8443",
                "gpu.server.auth.secretName", "inference-token",
                "gpu.server.tls.caSecretName", "corporate-ca",
                "gpu.server.tls.caKey", "root.pem"));

    assertThat(manifests.ofKind("Deployment")).isEmpty();
    for (JsonNode flinkPod : flinkPods(manifests)) {
      JsonNode client = volume(flinkPod, "inference-client").at("/projected/sources");
      assertThat(client.findValuesAsText("name"))
          .containsExactly("inference-token", "corporate-ca");
      assertThat(client.at("/1/secret/items/0/key").asText()).isEqualTo("root.pem");
      assertThat(client.at("/1/secret/items/0/path").asText()).isEqualTo("tls/ca.crt");
    }
    JsonNode remote = jobConfig(manifests).path("remote_inference");
    assertThat(remote.path("auth_token_file").asText()).isEqualTo(DIR + "/token");
    assertThat(remote.path("tls_trust_file").asText()).isEqualTo(DIR + "/tls/ca.crt");
  }

  private static JsonNode pod(Chart.Manifests manifests) {
    return manifests.named("Deployment", FULLNAME + "-inference").at("/spec/template/spec");
  }

  private static JsonNode server(Chart.Manifests manifests) {
    return pod(manifests).at("/containers/0");
  }

  private static List<String> args(JsonNode container) {
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static String javaOptions(Chart.Manifests manifests) {
    for (JsonNode env : server(manifests).path("env")) {
      if (env.path("name").asText().equals("JDK_JAVA_OPTIONS")) return env.path("value").asText();
    }
    throw new AssertionError("no JDK_JAVA_OPTIONS on the server");
  }

  private static List<JsonNode> flinkPods(Chart.Manifests manifests) {
    JsonNode spec = manifests.one("FlinkDeployment").path("spec");
    return List.of(
        spec.at("/jobManager/podTemplate/spec"), spec.at("/taskManager/podTemplate/spec"));
  }

  private static List<String> flinkVolumeNames(Chart.Manifests manifests) {
    List<String> names = new ArrayList<>();
    for (JsonNode pod : flinkPods(manifests))
      names.addAll(pod.path("volumes").findValuesAsText("name"));
    return names;
  }

  private static JsonNode volume(JsonNode podSpec, String name) {
    for (JsonNode v : podSpec.path("volumes")) {
      if (v.path("name").asText().equals(name)) return v;
    }
    throw new AssertionError("no volume " + name + " in " + podSpec.path("volumes"));
  }

  private static String mountPath(JsonNode container, String volume) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals(volume)) return m.path("mountPath").asText();
    }
    throw new AssertionError("no mount of " + volume);
  }

  private static String env(Chart.Manifests manifests, String name) {
    for (JsonNode env : flinkPods(manifests).get(1).at("/containers/0/env")) {
      if (env.path("name").asText().equals(name)) return env.path("value").asText();
    }
    throw new AssertionError("no " + name);
  }

  private static JsonNode jobConfig(Chart.Manifests manifests) throws Exception {
    return Chart.YAML.readTree(
        manifests.named("ConfigMap", FULLNAME + "-job-config").at("/data/job.yaml").asText());
  }
}
