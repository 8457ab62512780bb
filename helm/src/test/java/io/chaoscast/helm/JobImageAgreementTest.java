package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The chart, the job image's definition (job-jar/Dockerfile) and the job jar's build
 * (job-jar/pom.xml) must agree, or a cluster pulls an image in which the operator finds no jar, the
 * wrong Flink, or a user the pods may not run as. No container registry is reachable from the build
 * machines, so the image cannot be built here; this checks what its definition says instead.
 * JobJarContentsIT checks that the jar holds the entry class.
 */
class JobImageAgreementTest {

  /** The uid of user flink in the official Flink images. */
  private static final int FLINK_UID = 9999;

  private final ImageDefinition image = ImageDefinition.of("job-jar/Dockerfile");
  private final JsonNode deployment = Chart.render().one("FlinkDeployment");

  @Test
  void shouldCopyTheBuiltJarToWhereTheChartRunsIt() {
    Matcher copy = image.match("^COPY (?:--chown=\\S+ )?(\\S+) (\\S+)$");
    String finalName = ImageDefinition.find("job-jar/pom.xml", "<finalName>([^<]+)</finalName>");
    assertThat(copy.group(1)).isEqualTo("target/" + finalName + ".jar");
    assertThat(deployment.at("/spec/job/jarURI").asText()).isEqualTo("local://" + copy.group(2));
  }

  @Test
  void shouldRunTheJarsMainClassWithTheMountedJobConfig() {
    String mainClass = ImageDefinition.find("job-jar/pom.xml", "<mainClass>([^<]+)</mainClass>");
    assertThat(deployment.at("/spec/job/entryClass").asText()).isEqualTo(mainClass);
    assertThat(deployment.at("/spec/job/args").size()).isOne();
    String configPath = deployment.at("/spec/job/args/0").asText();
    // the job's main runs on the JobManager (application mode): the config must be mounted there
    JsonNode mounts = deployment.at("/spec/jobManager/podTemplate/spec/containers/0/volumeMounts");
    assertThat(mounts.findValuesAsText("mountPath"))
        .as("the directory of the job config %s is mounted in the JobManager", configPath)
        .contains(Path.of(configPath).getParent().toString());
  }

  @Test
  void shouldBuildOnTheFlinkTheJarWasCompiledAgainst() {
    String flinkVersion = ImageDefinition.find("pom.xml", "<flink.version>([^<]+)</flink.version>");
    Matcher from = image.match("^FROM flink:(\\S+)-java(\\d+)$");
    assertThat(from.group(1)).isEqualTo(flinkVersion);
    assertThat(from.group(2))
        .isEqualTo(ImageDefinition.find("pom.xml", "<maven.compiler.release>(\\d+)<"));
    String[] minor = flinkVersion.split("\\.");
    assertThat(deployment.at("/spec/flinkVersion").asText())
        .isEqualTo("v" + minor[0] + "_" + minor[1]);
  }

  @Test
  void shouldRunAsTheImagesFlinkUserWhomThePodsExpect() {
    assertThat(image.lines()).contains("USER flink");
    for (String pods : List.of("jobManager", "taskManager")) {
      JsonNode context = deployment.at("/spec/" + pods + "/podTemplate/spec/securityContext");
      assertThat(context.at("/runAsUser").asInt()).as(pods).isEqualTo(FLINK_UID);
    }
  }
}
