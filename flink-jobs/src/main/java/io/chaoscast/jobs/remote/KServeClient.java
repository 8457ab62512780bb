package io.chaoscast.jobs.remote;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.remote.RemoteInferenceException.Kind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One model on a KServe Open Inference Protocol v2 server ({@code POST /v2/models/{name}/infer}),
 * as {@link io.chaoscast.jobs.serving.InferenceServer} speaks it: one FP64 input {@code context}
 * [B, L, d], {@code parameters.horizon}, one output {@code forecast} [B, H, d]. Every request, the
 * connection included, is bounded by {@code timeout}. No retries here: see {@link
 * RemoteForecaster}.
 */
public final class KServeClient implements AutoCloseable {

  /**
   * @param modelVersion {@code model_version} of the answer: the id of the model that produced it
   */
  public record Reply(String modelVersion, double[][][] forecasts) {}

  private final URI inferUri;
  private final Duration timeout;
  private final ExecutorService executor;
  private final HttpClient http;

  /**
   * @param baseUrl the server, e.g. {@code http://inference:8080}
   */
  public KServeClient(URI baseUrl, String modelName, Duration timeout) {
    this.inferUri = baseUrl.resolve("/v2/models/" + modelName + "/infer");
    this.timeout = timeout;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kserve-client");
              t.setDaemon(true);
              return t;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the v2 servers we target speak HTTP/1.1
            .connectTimeout(timeout)
            .executor(executor)
            .build();
  }

  public URI inferUri() {
    return inferUri;
  }

  /** Forecasts {@code contexts} ([B][L][d]) {@code horizon} steps ahead on the server. */
  public Reply infer(double[][][] contexts, int horizon) throws RemoteInferenceException {
    HttpRequest request =
        HttpRequest.newBuilder(inferUri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(contexts, horizon)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new RemoteInferenceException(Kind.TRANSIENT, "timed out after " + timeout, e);
    } catch (IOException e) {
      throw new RemoteInferenceException(Kind.TRANSIENT, "cannot reach " + inferUri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteInferenceException(Kind.TRANSIENT, "interrupted", e);
    }
    int status = response.statusCode();
    if (status != 200) {
      Kind kind =
          status == 502 || status == 503 || status == 504
              ? Kind.TRANSIENT
              : status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED;
      throw new RemoteInferenceException(
          kind, "HTTP " + status + " from " + inferUri + ": " + response.body(), null);
    }
    return parse(response.body(), contexts.length, horizon, contexts[0][0].length);
  }

  /**
   * Written with Jackson's streaming generator: a tree of ~10^5 number nodes costs twice as much.
   */
  static String requestBody(double[][][] contexts, int horizon) {
    StringWriter out = new StringWriter(contexts.length * contexts[0].length * 64);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("parameters");
      g.writeNumberField("horizon", horizon);
      g.writeEndObject();
      g.writeArrayFieldStart("inputs");
      g.writeStartObject();
      g.writeStringField("name", "context");
      g.writeStringField("datatype", "FP64");
      g.writeArrayFieldStart("shape");
      g.writeNumber(contexts.length);
      g.writeNumber(contexts[0].length);
      g.writeNumber(contexts[0][0].length);
      g.writeEndArray();
      g.writeArrayFieldStart("data");
      for (double[][] w : contexts) for (double[] row : w) for (double v : row) g.writeNumber(v);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an inference request", e); // a StringWriter
    }
    return out.toString();
  }

  private static Reply parse(String body, int batch, int horizon, int channels)
      throws RemoteInferenceException {
    JsonNode answer;
    try {
      answer = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new RemoteInferenceException(Kind.SERVER_ERROR, "answer is not JSON", e);
    }
    JsonNode out = answer.path("outputs").path(0);
    JsonNode data = out.path("data");
    String expected = "[" + batch + "," + horizon + "," + channels + "]";
    if (!out.path("shape").toString().equals(expected) || data.size() != batch * horizon * channels)
      throw new RemoteInferenceException(
          Kind.SERVER_ERROR,
          "answer shape " + out.path("shape") + " with " + data.size() + " values, not " + expected,
          null);
    double[][][] forecasts = new double[batch][horizon][channels];
    int i = 0;
    for (double[][] f : forecasts)
      for (double[] row : f) for (int c = 0; c < channels; c++) row[c] = data.get(i++).asDouble();
    return new Reply(answer.path("model_version").asText("unknown"), forecasts);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
