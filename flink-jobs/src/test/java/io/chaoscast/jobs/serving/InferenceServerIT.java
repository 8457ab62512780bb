package io.chaoscast.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.models.cli.TrainCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KServe v2 server over real HTTP, serving an NVAR artifact trained by the project's command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceServerIT {

  private ServedModel model;
  private InferenceServer server;
  private DynamicBatcher batcher;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path artifact = dir.resolve("nvar");
    TrainCommand.train("lorenz63", "nvar", artifact);
    model = ServedModel.load("lorenz", artifact, "auto");
    batcher = new DynamicBatcher(model.forecaster(), 256, 20);
    server = new InferenceServer(model, batcher, "127.0.0.1", 0);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    model.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(server, path);
  }

  private HttpResponse<String> get(InferenceServer to, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return post(server, path, body);
  }

  private HttpResponse<String> post(InferenceServer to, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private double[][][] contexts(int batch, long seed) {
    Random r = new Random(seed);
    double[][][] c = new double[batch][model.contextLength()][model.channels()];
    for (double[][] w : c)
      for (double[] row : w) for (int i = 0; i < row.length; i++) row[i] = 5 * r.nextGaussian();
    return c;
  }

  private static String inferRequest(double[][][] contexts, int horizon) {
    var req = Json.mapper().createObjectNode();
    req.put("id", "r1");
    req.putObject("parameters").put("horizon", horizon);
    var in = req.putArray("inputs").addObject().put("name", "context").put("datatype", "FP64");
    in.putArray("shape").add(contexts.length).add(contexts[0].length).add(contexts[0][0].length);
    var data = in.putArray("data");
    for (double[][] w : contexts) for (double[] row : w) for (double v : row) data.add(v);
    return req.toString();
  }

  @Test
  void shouldAnswerHealthAndMetadata() throws Exception {
    assertThat(get("/v2/health/ready").statusCode()).isEqualTo(200);
    assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
    JsonNode meta = Json.mapper().readTree(get("/v2/models/lorenz").body());
    assertThat(meta.get("name").asText()).isEqualTo("lorenz");
    assertThat(meta.at("/inputs/0/shape/2").asInt()).isEqualTo(3);
    assertThat(meta.at("/outputs/0/name").asText()).isEqualTo("forecast");
  }

  @Test
  void shouldReturnWhatTheModelItselfForecasts() throws Exception {
    double[][][] contexts = contexts(3, 1);
    var response = post("/v2/models/lorenz/infer", inferRequest(contexts, 7));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode out = Json.mapper().readTree(response.body());
    assertThat(out.get("id").asText()).isEqualTo("r1");
    assertThat(out.at("/outputs/0/shape").toString()).isEqualTo("[3,7,3]");
    double[][][] expected = model.forecaster().forecast(contexts, 7);
    JsonNode data = out.at("/outputs/0/data");
    int i = 0;
    for (double[][] f : expected)
      for (double[] row : f)
        for (double v : row) {
          assertThat(data.get(i++).asDouble())
              .isCloseTo(v, within(1e-4 * Math.max(1, Math.abs(v))));
        }
  }

  @Test
  void shouldBatchConcurrentRequestsIntoOneModelCall() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      calls.add(
          http.sendAsync(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/v2/models/lorenz/infer"))
                  .POST(HttpRequest.BodyPublishers.ofString(inferRequest(contexts(2, k), 5)))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (var c : calls) assertThat(c.get().statusCode()).isEqualTo(200);
    assertThat(batcher.largestBatch()).isGreaterThan(2);
  }

  @Test
  void shouldMapBadRequestsToClearErrors() throws Exception {
    var notJson = post("/v2/models/lorenz/infer", "{nope");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");

    var wrongChannels =
        post("/v2/models/lorenz/infer", inferRequest(new double[1][model.contextLength()][2], 5));
    assertThat(wrongChannels.statusCode()).isEqualTo(400);
    assertThat(wrongChannels.body()).contains("3 channels");

    assertThat(get("/v2/models/other").statusCode()).isEqualTo(404);
    assertThat(get("/v2/models/lorenz/infer").statusCode()).isEqualTo(405);
  }

  @Test
  void shouldAnswerAtOnceAndReportNotReadyOnceTheModelFailedWithAnError() throws Exception {
    var broken =
        new ServedModel(
            "lorenz",
            model.manifest(),
            ScriptedForecaster.throwing(new OutOfMemoryError("Java heap space (scripted)")),
            "cpu",
            "scripted",
            () -> {});
    try (var failing =
        new InferenceServer(
            broken, new DynamicBatcher(broken.forecaster(), 8, 1), "127.0.0.1", 0)) {
      assertThat(get(failing, "/v2/health/ready").statusCode()).isEqualTo(200);

      var first = post(failing, "/v2/models/lorenz/infer", inferRequest(contexts(1, 1), 5));
      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.headers().firstValue("Retry-After")).isPresent();
      assertThat(first.body()).contains("OutOfMemoryError");
      var ready = get(failing, "/v2/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"ready\":false").contains("OutOfMemoryError");
      assertThat(get(failing, "/v2/health/live").statusCode()).isEqualTo(503);
      assertThat(
              post(failing, "/v2/models/lorenz/infer", inferRequest(contexts(1, 2), 5))
                  .statusCode())
          .isEqualTo(503);
    }
  }

  @Test
  void shouldAnswer408ToABodyThatTricklesPastTheRequestDeadline() throws Exception {
    // A byte every 200 ms never trips the 10 s idle timeout; the 2 s request deadline ends it.
    var limits =
        new ServeLimits(
            ServeLimits.DEFAULT_MAX_BODY_BYTES,
            ServeLimits.DEFAULT_MAX_ELEMENTS,
            ServeLimits.DEFAULT_MAX_HORIZON,
            4,
            64L << 20,
            Duration.ofSeconds(10),
            Duration.ofSeconds(2));
    var settings =
        new InferenceServer.Settings("127.0.0.1", 0, limits, Optional.empty(), Optional.empty());
    try (var strict =
            new InferenceServer(model, new DynamicBatcher(model.forecaster(), 8, 1), settings);
        var socket = new Socket("127.0.0.1", strict.port())) {
      socket.setSoTimeout(8_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/models/lorenz/infer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      Thread trickle =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 50; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                  }
                } catch (Exception e) {
                  // the server answered and closed: expected
                }
              });
      trickle.setDaemon(true);
      trickle.start();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("HTTP/1.1 408");
      trickle.interrupt();
    }
  }
}
