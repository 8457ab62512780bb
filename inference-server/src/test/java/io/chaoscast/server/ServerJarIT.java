package io.chaoscast.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.cli.TrainCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar as the image runs it ({@code java -jar chaoscast-server.jar serve ...}, the
 * chart's command and arguments), in its own JVM on loopback: it starts, answers the probes and
 * runs a model call, so nothing it needs was left out of the jar; and none of what it must not
 * carry (Flink, Kafka, DJL and its natives) is in it.
 */
class ServerJarIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("on http://[^:/]+:(\\d+)/");

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldServeAModelFromTheJarAlone() throws Exception {
    Path artifact = dir.resolve("nvar");
    TrainCommand.train("lorenz63", "nvar", artifact);
    ModelManifest manifest = ModelArtifacts.readManifest(artifact);
    Path log = dir.resolve("serve.log");
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                jar().toString(),
                "serve",
                "--model",
                artifact.toString(),
                "--name",
                "lorenz",
                "--device",
                "auto",
                "--host",
                "127.0.0.1",
                "--port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + awaitPort(server, log);
      assertThat(get(base + "/v2/health/ready").statusCode()).isEqualTo(200);

      // the numbers are InferenceServerIT's business; here: a model call through the whole jar
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v2/models/lorenz/infer"))
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(inferRequest(manifest, 2, 5)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode forecast = JSON.readTree(response.body()).at("/outputs/0");
      assertThat(forecast.path("shape").toString()).isEqualTo("[2,5," + manifest.channels() + "]");
      assertThat(forecast.path("data")).allSatisfy(v -> assertThat(v.isNumber()).isTrue());
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\nserver log:\n" + Files.readString(log), e);
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
    }
  }

  @Test
  void shouldCarryNeitherFlinkNorKafkaNorDjl() throws IOException {
    List<String> forbidden =
        List.of("org/apache/flink/", "org/apache/kafka/", "ai/djl/", "scala/", "pytorch/");
    try (var jar = new JarFile(jar().toFile())) {
      List<String> found =
          jar.stream()
              .map(ZipEntry::getName)
              .filter(n -> forbidden.stream().anyMatch(n::startsWith))
              .limit(5)
              .toList();
      assertThat(found).as("entries of packages the server must not carry").isEmpty();
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.chaoscast.jobs.cli.ServerCli");
    }
    System.out.printf("server jar: %d bytes%n", Files.size(jar()));
  }

  static Path jar() {
    String jar = System.getProperty("chaoscast.server.jar");
    assertThat(jar).as("system property chaoscast.server.jar (set by failsafe)").isNotNull();
    Path path = Path.of(jar);
    assertThat(Files.isRegularFile(path)).as(path + " exists: run mvn verify").isTrue();
    return path;
  }

  /** The port the server prints once it listens (it was asked for any free one). */
  private static int awaitPort(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) return Integer.parseInt(m.group(1));
      if (!server.isAlive()) break;
      Thread.sleep(100);
    }
    throw new AssertionError("the server did not start:\n" + Files.readString(log));
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code batch} windows of Gaussian noise, as long and as wide as the model takes. */
  private static String inferRequest(ModelManifest model, int batch, int horizon) {
    int values = batch * model.contextLength() * model.channels();
    String data =
        new Random(1)
            .doubles(values)
            .mapToObj(v -> Double.toString(5 * (v - 0.5)))
            .collect(Collectors.joining(","));
    return """
        {"parameters": {"horizon": %d}, "inputs": [{"name": "context", "datatype": "FP64",
         "shape": [%d, %d, %d], "data": [%s]}]}"""
        .formatted(horizon, batch, model.contextLength(), model.channels(), data);
  }
}
