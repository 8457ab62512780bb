package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's inference server (gpu.mode=server), the server image's definition
 * (inference-server/Dockerfile) and the server jar's build (inference-server/pom.xml) must agree:
 * the command finds the jar, the jar's main class takes the chart's arguments, the port and the
 * user are the pod's. ServerJarIT runs the jar itself with these arguments.
 */
class ServerImageAgreementTest {

  private static final String SOURCES = "flink-jobs/src/main/java/";

  private final ImageDefinition image = ImageDefinition.of("inference-server/Dockerfile");

  /** Every serve argument the chart can write: token and TLS on. */
  private final JsonNode pod =
      Chart.render(
              List.of(Chart.variant("gpu-server")),
              Map.of(
                  "gpu.server.auth.secretName", "token",
                  "gpu.server.tls.secretName", "tls"))
          .named("Deployment", "forecaster-chaoscast-inference")
          .at("/spec/template/spec");

  private final JsonNode container = pod.at("/containers/0");

  @Test
  void shouldStartTheBuiltJarTheWayTheImageDoes() {
    String finalName =
        ImageDefinition.find("inference-server/pom.xml", "<finalName>([^<]+)</finalName>");
    Matcher copy = image.match("^COPY (\\S+) (\\S+)$");
    assertThat(copy.group(1)).isEqualTo("target/" + finalName + ".jar");
    List<String> command = texts(container.path("command"));
    assertThat(command).containsExactly("java", "-jar", copy.group(2));
    List<String> entrypoint =
        List.of(image.match("^ENTRYPOINT \\[\"(.+)\"\\]$").group(1).split("\", \""));
    assertThat(entrypoint).as("the image's own entry point").isEqualTo(command);
  }

  @Test
  void shouldPassOnlyArgumentsTheJarsServeCommandTakes() {
    String mainClass =
        ImageDefinition.find("inference-server/pom.xml", "<mainClass>([^<]+)</mainClass>");
    String main = ImageDefinition.text(SOURCES + mainClass.replace('.', '/') + ".java");
    assertThat(main).as(mainClass + "'s subcommands").contains("ServeCommand.class");
    String serve = ImageDefinition.text(SOURCES + "io/chaoscast/jobs/cli/ServeCommand.java");
    List<String> args = texts(container.path("args"));
    Matcher name = Pattern.compile("name = \"([^\"]+)\"").matcher(serve);
    assertThat(name.find()).isTrue();
    assertThat(args.get(0)).as("the subcommand").isEqualTo(name.group(1));
    List<String> options = new ArrayList<>();
    Matcher names = Pattern.compile("names = \"(--[^\"]+)\"").matcher(serve);
    while (names.find()) options.add(names.group(1));
    assertThat(args.stream().filter(a -> a.startsWith("--")).toList())
        .contains("--tls-cert-file", "--auth-token-file")
        .allSatisfy(a -> assertThat(options).as("options of ServeCommand").contains(a));
  }

  @Test
  void shouldExposeThePortAndRunAsTheUserOfThePod() {
    assertThat(image.match("^EXPOSE (\\d+)$").group(1))
        .isEqualTo(container.at("/ports/0/containerPort").asText());
    assertThat(image.match("^USER (\\d+)(?::\\d+)?$").group(1))
        .isEqualTo(pod.at("/securityContext/runAsUser").asText());
  }

  @Test
  void shouldRunOnTheJavaReleaseTheJarWasBuiltFor() {
    assertThat(image.match("^FROM eclipse-temurin:(\\d+)-jre$").group(1))
        .isEqualTo(ImageDefinition.find("pom.xml", "<maven.compiler.release>(\\d+)<"));
  }

  @Test
  void shouldPullTheServerImageNotTheJobImage() {
    assertThat(container.path("image").asText()).startsWith("chaoscast/inference-server:");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
