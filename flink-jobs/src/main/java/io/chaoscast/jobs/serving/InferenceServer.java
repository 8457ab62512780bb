package io.chaoscast.jobs.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chaoscast.connectors.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./forecaster serve}: the KServe Open Inference Protocol v2 over HTTP for one model, on the
 * JDK's built-in HTTP server. Endpoints: {@code GET /v2/health/live}, {@code GET /v2/health/ready},
 * {@code GET /v2/models/{name}} (metadata), {@code GET /v2/models/{name}/ready} and {@code POST
 * /v2/models/{name}/infer}. The request carries one input tensor {@code context} of shape [B, L, d]
 * (FP32 or FP64, flat row-major data); the answer one output {@code forecast} of shape [B, H, d];
 * {@code parameters.horizon} picks H (default: the model's). Work goes through a {@link
 * DynamicBatcher}; failures become status codes in {@link #fail} only.
 */
public final class InferenceServer implements AutoCloseable {

  /** A request that cannot be served, with the status code it maps to. */
  static final class RequestException extends Exception {
    final int status;

    RequestException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  static {
    // The JDK server sends a response's headers and body in separate TCP segments; with Nagle's
    // algorithm on, the body waits for the client's delayed ACK, about 40 ms per request (measured
    // on one host: 63 -> 7 ms for a one-window call). The JDK reads this once, when it creates its
    // first server in the JVM, so it is set here unless the user chose otherwise.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ServedModel model;
  private final DynamicBatcher batcher;
  private final HttpServer http;
  private final ExecutorService handlers;

  public InferenceServer(ServedModel model, DynamicBatcher batcher, String host, int port)
      throws IOException {
    this.model = model;
    this.batcher = batcher;
    this.http = HttpServer.create(new InetSocketAddress(host, port), 128);
    this.handlers = Executors.newFixedThreadPool(32);
    http.setExecutor(handlers);
    http.createContext("/v2", this::handle);
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        JsonNode answer =
            route(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestBody());
        send(exchange, 200, answer);
      } catch (RequestException e) {
        fail(exchange, e.status, e.getMessage());
      } catch (RuntimeException e) {
        fail(exchange, 500, "inference failed: " + e.getMessage());
      }
    }
  }

  private JsonNode route(String method, String path, InputStream body)
      throws RequestException, IOException {
    String base = "/v2/models/" + model.name();
    if (path.equals("/v2/health/live")
        || path.equals("/v2/health/ready")
        || path.equals(base + "/ready")) {
      expect(method, "GET");
      return Json.mapper().createObjectNode().put("ready", true);
    }
    if (path.equals(base)) {
      expect(method, "GET");
      return metadata();
    }
    if (path.equals(base + "/infer")) {
      expect(method, "POST");
      return infer(readJson(body));
    }
    if (path.startsWith("/v2/models/"))
      throw new RequestException(
          404, "no model at " + path + "; this server serves '" + model.name() + "'");
    throw new RequestException(404, "no such endpoint: " + path);
  }

  private ObjectNode metadata() {
    ObjectNode m = Json.mapper().createObjectNode();
    m.put("name", model.name());
    m.putArray("versions").add(model.version());
    m.put("platform", "chaoscast-" + model.backend());
    ObjectNode in = m.putArray("inputs").addObject().put("name", "context").put("datatype", "FP32");
    in.putArray("shape").add(-1).add(model.contextLength()).add(model.channels());
    ObjectNode out =
        m.putArray("outputs").addObject().put("name", "forecast").put("datatype", "FP32");
    out.putArray("shape").add(-1).add(model.horizon()).add(model.channels());
    return m;
  }

  private ObjectNode infer(JsonNode request) throws RequestException {
    JsonNode input = request.path("inputs").path(0);
    if (!"context".equals(input.path("name").asText()))
      throw new RequestException(400, "expected one input named 'context'");
    String type = input.path("datatype").asText("FP32");
    if (!type.equals("FP32") && !type.equals("FP64"))
      throw new RequestException(400, "datatype must be FP32 or FP64, not " + type);
    JsonNode shape = input.path("shape");
    if (shape.size() != 3)
      throw new RequestException(400, "context shape must be [batch, length, channels]");
    int b = shape.get(0).asInt(), l = shape.get(1).asInt(), d = shape.get(2).asInt();
    if (b < 1 || l < model.minContextLength() || d != model.channels()) {
      throw new RequestException(
          400,
          "context shape "
              + shape
              + " does not fit the model: need length >= "
              + model.minContextLength()
              + " and "
              + model.channels()
              + " channels");
    }
    List<Double> flat = new ArrayList<>(b * l * d);
    flatten(input.path("data"), flat);
    if (flat.size() != (long) b * l * d)
      throw new RequestException(
          400, "data holds " + flat.size() + " values, shape needs " + (b * l * d));
    double[][][] contexts = new double[b][l][d];
    int i = 0;
    for (double[][] window : contexts)
      for (double[] row : window) for (int c = 0; c < d; c++) row[c] = check(flat.get(i++));
    int horizon = request.path("parameters").path("horizon").asInt(model.horizon());
    if (horizon < 1 || horizon > 100_000)
      throw new RequestException(400, "parameters.horizon must be in 1..100000");

    double[][][] forecasts = await(batcher.submit(contexts, horizon));
    ObjectNode answer = Json.mapper().createObjectNode();
    answer.put("model_name", model.name()).put("model_version", model.version());
    if (request.has("id")) answer.set("id", request.get("id"));
    ObjectNode out =
        answer.putArray("outputs").addObject().put("name", "forecast").put("datatype", "FP32");
    out.putArray("shape").add(b).add(horizon).add(d);
    ArrayNode data = out.putArray("data");
    for (double[][] f : forecasts) for (double[] row : f) for (double v : row) data.add((float) v);
    return answer;
  }

  private static double check(double v) throws RequestException {
    if (!Double.isFinite(v)) throw new RequestException(400, "context values must be finite");
    return v;
  }

  private static void flatten(JsonNode node, List<Double> out) throws RequestException {
    if (node.isArray()) {
      for (JsonNode n : node) flatten(n, out);
    } else if (node.isNumber()) {
      out.add(node.asDouble());
    } else {
      throw new RequestException(400, "data must hold numbers");
    }
  }

  private static double[][][] await(java.util.concurrent.CompletableFuture<double[][][]> result)
      throws RequestException {
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new RequestException(503, "inference timed out");
    } catch (ExecutionException e) {
      throw new RequestException(
          e.getCause() instanceof IllegalArgumentException ? 400 : 500, e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestException(503, "interrupted");
    }
  }

  private static void expect(String method, String allowed) throws RequestException {
    if (!method.equals(allowed)) throw new RequestException(405, "use " + allowed);
  }

  private static JsonNode readJson(InputStream body) throws RequestException {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new RequestException(400, "request body is not JSON: " + e.getMessage());
    }
  }

  /** The one place where failures become responses: {"error": "..."} with the status. */
  private static void fail(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, Json.mapper().createObjectNode().put("error", message));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() throws InterruptedException {
    http.stop(0);
    handlers.shutdownNow();
    batcher.close();
  }
}
