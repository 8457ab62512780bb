package io.chaoscast.jobs.remote;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.jobs.remote.RemoteInferenceException.Kind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * One model on a KServe Open Inference Protocol v2 server ({@code POST /v2/models/{name}/infer}),
 * as {@link io.chaoscast.jobs.serving.InferenceServer} speaks it: one FP64 input {@code context}
 * [B, L, d], {@code parameters.horizon}, one output {@code forecast} [B, H, d]. No retries here:
 * see {@link RemoteForecaster}.
 *
 * <p>A call has one deadline, {@code timeout}, for all of it: connecting, the headers and the whole
 * body (the HTTP client's own request timeout ends with the headers, so a server that trickles its
 * body would otherwise hold the operator for as long as it likes). The body is read up to {@code
 * max_response_bytes}. Anything but a well-formed answer of the expected shape with finite values
 * is a {@link Kind#SERVER_ERROR}, and an error body appears in messages only by its first {@value
 * #ERROR_BODY_CHARS} characters.
 */
public final class KServeClient implements AutoCloseable {

  /** How much of an error body a message quotes: enough for the reason, bounded for the log. */
  static final int ERROR_BODY_CHARS = 200;

  /**
   * @param modelVersion {@code model_version} of the answer: the id of the model that produced it
   */
  public record Reply(String modelVersion, double[][][] forecasts) {}

  private final URI inferUri;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final Optional<String> bearerToken;
  private final ExecutorService executor;
  private final HttpClient http;

  /** A client of the server and model {@code settings} name, with its limits and credentials. */
  public static KServeClient open(RemoteInference settings) {
    return new KServeClient(
        URI.create(settings.url()),
        settings.modelName(),
        Duration.ofMillis(settings.timeoutMs()),
        settings.maxResponseBytes(),
        Credentials.bearerToken(settings),
        Credentials.sslContext(settings).orElse(null));
  }

  /**
   * @param baseUrl the server, e.g. {@code http://inference:8080}
   * @param sslContext trust for an https server; null: the JDK's default trust store
   */
  KServeClient(
      URI baseUrl,
      String modelName,
      Duration timeout,
      long maxResponseBytes,
      Optional<String> bearerToken,
      SSLContext sslContext) {
    this.inferUri = baseUrl.resolve("/v2/models/" + modelName + "/infer");
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.bearerToken = bearerToken;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kserve-client");
              t.setDaemon(true);
              return t;
            });
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the v2 servers we target speak HTTP/1.1
            .connectTimeout(timeout)
            .executor(executor);
    if (sslContext != null) builder.sslContext(sslContext);
    this.http = builder.build();
  }

  public URI inferUri() {
    return inferUri;
  }

  /** Forecasts {@code contexts} ([B][L][d]) {@code horizon} steps ahead on the server. */
  public Reply infer(double[][][] contexts, int horizon) throws RemoteInferenceException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(inferUri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestBody(contexts, horizon)));
    bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    HttpResponse<byte[]> response = send(request.build(), deadline);
    int status = response.statusCode();
    if (status != 200) {
      // 401 and 403: the token or the trust is wrong, which no batch can get past; counted against
      // the server so that the breaker opens and the fallback alert tells someone.
      Kind kind =
          status == 502 || status == 503 || status == 504
              ? Kind.TRANSIENT
              : status >= 500 || status == 401 || status == 403 ? Kind.SERVER_ERROR : Kind.REJECTED;
      throw new RemoteInferenceException(
          kind, "HTTP " + status + " from " + inferUri + ": " + excerpt(response.body()), null);
    }
    try {
      return parse(response.body(), contexts.length, horizon, contexts[0][0].length);
    } catch (RuntimeException e) { // whatever else a malformed answer may cause
      throw new RemoteInferenceException(
          Kind.SERVER_ERROR, "malformed answer: " + e.getClass().getSimpleName(), e);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest request, long deadline)
      throws RemoteInferenceException {
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(request, BoundedBody.handler(maxResponseBytes));
    try {
      return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true); // aborts the exchange and closes its connection
      throw new RemoteInferenceException(Kind.TRANSIENT, "no complete answer within " + timeout, e);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new RemoteInferenceException(Kind.TRANSIENT, "interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BoundedBody.TooLarge) {
        throw new RemoteInferenceException(Kind.SERVER_ERROR, cause.getMessage(), cause);
      }
      if (cause instanceof HttpTimeoutException) {
        throw new RemoteInferenceException(
            Kind.TRANSIENT, "no complete answer within " + timeout, cause);
      }
      throw new RemoteInferenceException(
          Kind.TRANSIENT, "cannot reach " + inferUri + ": " + cause, cause);
    }
  }

  /** The start of an error body, on one line, for a message that ends up in the log. */
  static String excerpt(byte[] body) {
    String text =
        new String(body, 0, Math.min(body.length, 4 * ERROR_BODY_CHARS), StandardCharsets.UTF_8);
    text = text.replaceAll("\\p{Cntrl}", " ");
    if (text.length() > ERROR_BODY_CHARS || body.length > 4 * ERROR_BODY_CHARS) {
      return text.substring(0, Math.min(text.length(), ERROR_BODY_CHARS))
          + "... ("
          + body.length
          + " bytes)";
    }
    return text;
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

  private static Reply parse(byte[] body, int batch, int horizon, int channels)
      throws RemoteInferenceException {
    JsonNode answer;
    try {
      answer = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new RemoteInferenceException(Kind.SERVER_ERROR, "answer is not JSON", e);
    }
    JsonNode out = answer.path("outputs").path(0);
    String expected = "[" + batch + "," + horizon + "," + channels + "]";
    if (!out.path("shape").toString().equals(expected)) {
      throw new RemoteInferenceException(
          Kind.SERVER_ERROR, "answer has no outputs[0] of shape " + expected, null);
    }
    JsonNode data = out.path("data");
    if (!data.isArray() || data.size() != batch * horizon * channels) {
      throw new RemoteInferenceException(
          Kind.SERVER_ERROR,
          "answer data is not an array of " + batch * horizon * channels + " numbers",
          null);
    }
    double[][][] forecasts = new double[batch][horizon][channels];
    int i = 0;
    for (double[][] f : forecasts) {
      for (double[] row : f) {
        for (int c = 0; c < channels; c++, i++) {
          JsonNode v = data.get(i);
          if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new RemoteInferenceException(
                Kind.SERVER_ERROR, "answer data[" + i + "] is not a finite number", null);
          }
          row[c] = v.doubleValue();
        }
      }
    }
    JsonNode version = answer.path("model_version");
    return new Reply(version.isTextual() ? version.textValue() : "unknown", forecasts);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
