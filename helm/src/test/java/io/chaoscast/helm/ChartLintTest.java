package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartLintTest {

  @Test
  void shouldLintStrictlyWithDefaultValues(@TempDir Path scratch) {
    LintResult lint = Chart.lint(Optional.empty(), scratch);
    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpu-taskmanager", "gpu-server", "s3-sasl", "trainer"})
  void shouldLintStrictlyWithEachVariantsValues(String variant, @TempDir Path scratch) {
    LintResult lint = Chart.lint(Optional.of(Chart.variant(variant)), scratch);
    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
  }

  @Test
  void shouldFailLintWhenTheValuesBreakTheSchema(@TempDir Path scratch) throws Exception {
    Path broken = scratch.resolve("broken-values.yaml");
    java.nio.file.Files.writeString(broken, "flink:\n  parallelism: 0\n");
    LintResult lint = Chart.lint(Optional.of(broken), scratch.resolve("chart"));
    assertThat(lint.isFailed()).isTrue();
    assertThat(String.join("\n", lint.getMessages())).contains("parallelism");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "flink.parallelism=0",
        "gpu.mode=cuda",
        "flink.upgradeMode=restart",
        "job.delivery=exactly_twice",
        "kafka.bootstrapServers=no-port",
        "image.digest=latest",
        "unknownTopLevelKey=1",
        "networkPolicy.flinkRest.from[0].everyone=true",
        "gpu.server.jvm.maxHeap=lots",
        "gpu.server.auth.secretName=Not_A_Secret_Name"
      })
  void shouldRejectValuesTheSchemaForbids(String set) {
    String[] kv = set.split("=", 2);
    assertThatThrownBy(() -> Chart.render(Map.of(kv[0], kv[1]))).hasMessageContaining("schema");
  }

  @Test
  void shouldRefuseKafkaSecretsInPlainValues() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "kafka.properties.sasl\\.jaas\\.config",
                        "org.apache...required password=\"hunter2\";")))
        .hasMessageContaining("schema");
  }

  @Test
  void shouldRequireAModelVolumeForTheInferenceServer() {
    assertThatThrownBy(() -> Chart.render(Map.of("gpu.mode", "server")))
        .hasMessageContaining("gpu.server.modelVolume is required");
  }

  @Test
  void shouldRequireABucketForS3Storage() {
    assertThatThrownBy(() -> Chart.render(Map.of("storage.type", "s3")))
        .hasMessageContaining("storage.s3.bucket is required");
  }

  @Test
  void shouldRefuseLastStateUpgradesWithoutHighAvailability() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of("flink.upgradeMode", "last-state", "flink.highAvailability", false)))
        .hasMessageContaining("last-state needs flink.highAvailability");
  }
}
