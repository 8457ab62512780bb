package io.chaoscast.jobs.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * {@code ./forecaster serve}: the KServe Open Inference Protocol v2 over HTTP(S) for one model, on
 * Jetty. Endpoints: {@code GET /v2/health/live}, {@code GET /v2/health/ready}, {@code GET
 * /v2/models/{name}} (metadata), {@code GET /v2/models/{name}/ready} and {@code POST
 * /v2/models/{name}/infer}. The request carries one input tensor {@code context} of shape [B, L, d]
 * (FP32 or FP64, flat or nested row-major data); the answer one output {@code forecast} of shape
 * [B, H, d]; {@code parameters.horizon} picks H (default: the model's). Work goes through a {@link
 * DynamicBatcher}; failures become status codes in {@link Exchange#fail} only.
 *
 * <p>Hostile or broken clients cost bounded resources ({@link ServeLimits}): bodies are read
 * asynchronously, so a stalled upload holds no thread, only its bytes so far, which count against a
 * budget shared by all connections; a connection idle for the idle timeout is closed; a request not
 * answered within the request timeout gets 408 or 503; at most {@code maxQueue} parsed requests are
 * held; at most 1024 connections are open. Health reports the batcher's state, so a dead or wedged
 * worker shows as not ready instead of as timeouts.
 */
public final class InferenceServer implements AutoCloseable {

  /** Where and how to listen; authentication and TLS are optional. */
  public record Settings(
      String host, int port, ServeLimits limits, Optional<BearerAuth> auth, Optional<PemTls> tls) {

    /** Plain HTTP, no authentication, the default limits. */
    public static Settings plain(String host, int port) {
      return new Settings(host, port, ServeLimits.defaults(), Optional.empty(), Optional.empty());
    }
  }

  /** Threads: model calls run on the batcher, so these only read, parse and write. */
  private static final int MAX_THREADS = 32;

  /** Connections beyond this wait in the kernel's accept queue. */
  private static final int MAX_CONNECTIONS = 1024;

  private final ServedModel model;
  private final DynamicBatcher batcher;
  private final Settings settings;
  private final ServeLimits limits;
  private final ObjectMapper json;
  private final Server server;
  private final ServerConnector connector;

  /** Parsed requests held, from parsing to the answer: bounds the heap their tensors take. */
  private final Semaphore admitted;

  /** Body bytes of requests still arriving, all connections together. */
  private final AtomicLong buffered = new AtomicLong();

  public InferenceServer(ServedModel model, DynamicBatcher batcher, String host, int port)
      throws IOException {
    this(model, batcher, Settings.plain(host, port));
  }

  public InferenceServer(ServedModel model, DynamicBatcher batcher, Settings settings)
      throws IOException {
    this.model = model;
    this.batcher = batcher;
    this.settings = settings;
    this.limits = settings.limits();
    this.json = InferRequest.mapper(limits);
    this.admitted = new Semaphore(limits.maxQueue());

    // Jetty advises against a bounded job queue (a refused selector or write job can leave a
    // connection hanging); the jobs are bounded instead by the connection limit below, a few per
    // connection, while the work that costs memory is bounded by admission and the body budget.
    var pool = new QueuedThreadPool(MAX_THREADS, 4);
    pool.setName("inference-http");
    server = new Server(pool);
    var config = new HttpConfiguration();
    config.setSendServerVersion(false);
    var http = new HttpConnectionFactory(config);
    try {
      connector =
          settings.tls().isEmpty()
              ? new ServerConnector(server, 1, 1, http)
              : new ServerConnector(
                  server,
                  1,
                  1,
                  new SslConnectionFactory(
                      settings.tls().get().sslContextFactory(), http.getProtocol()),
                  http);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the TLS certificate or key: " + e, e);
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.setAcceptQueueSize(128);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    server.setHandler(
        // Blocking (the default invocation type): handle() runs on a pool thread, never on a
        // selector, since it may go on to parse a whole body.
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            route(new Exchange(request, response, callback));
            return true;
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot start the inference server: " + e.getMessage(), e);
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  public boolean tls() {
    return settings.tls().isPresent();
  }

  private void route(Exchange ex) {
    String path = Request.getPathInContext(ex.request);
    String method = ex.request.getMethod();
    String base = "/v2/models/" + model.name();
    try {
      // Probes stay open: the kubelet sends no token, and they reveal nothing but up/down.
      if (path.equals("/v2/health/live")) {
        expect(method, "GET");
        health(ex, "live", batcher.live());
        return;
      }
      if (path.equals("/v2/health/ready")) {
        expect(method, "GET");
        health(ex, "ready", batcher.ready());
        return;
      }
      if (settings.auth().isPresent()
          && !settings.auth().get().accepts(ex.request.getHeaders().get(HttpHeader.AUTHORIZATION)))
        throw new RequestException(401, "missing or wrong bearer token");
      if (path.equals(base + "/ready")) {
        expect(method, "GET");
        health(ex, "ready", batcher.ready());
      } else if (path.equals(base)) {
        expect(method, "GET");
        ex.respond(200, json.writeValueAsBytes(metadata()), false);
      } else if (path.equals(base + "/infer")) {
        expect(method, "POST");
        expectJson(ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        long length = ex.request.getLength();
        if (length > limits.maxBodyBytes()) throw tooLarge();
        ex.startDeadline();
        new BodyReader(ex, length).run();
      } else if (path.startsWith("/v2/models/")) {
        throw new RequestException(
            404, "no model at " + path + "; this server serves '" + model.name() + "'");
      } else {
        throw new RequestException(404, "no such endpoint: " + path);
      }
    } catch (RequestException e) {
      ex.fail(e);
    } catch (IOException e) {
      ex.fail(new RequestException(500, e.getMessage()));
    }
  }

  private void health(Exchange ex, String what, boolean ok) throws IOException {
    var body = json.createObjectNode().put(what, ok);
    if (!ok) body.put("error", String.valueOf(batcher.notServingReason()));
    ex.respond(ok ? 200 : 503, json.writeValueAsBytes(body), !ok);
  }

  private JsonNode metadata() {
    var m = json.createObjectNode();
    m.put("name", model.name());
    m.putArray("versions").add(model.version());
    m.put("platform", "chaoscast-" + model.backend());
    var in = m.putArray("inputs").addObject().put("name", "context").put("datatype", "FP32");
    in.putArray("shape").add(-1).add(model.contextLength()).add(model.channels());
    var out = m.putArray("outputs").addObject().put("name", "forecast").put("datatype", "FP32");
    out.putArray("shape").add(-1).add(model.horizon()).add(model.channels());
    return m;
  }

  /**
   * A whole body has arrived ({@code length} bytes of {@code body}): parse, admit, batch, answer.
   */
  private void infer(Exchange ex, byte[] body, int length) {
    if (!admitted.tryAcquire()) {
      ex.fail(
          RequestException.unavailable(
              "busy: " + limits.maxQueue() + " inference requests are already in progress"));
      return;
    }
    try {
      InferRequest request = InferRequest.parse(readJson(body, length), model, limits);
      CompletableFuture<double[][][]> result =
          batcher.submit(request.contexts(), request.horizon());
      ex.inference = result;
      // The permit goes back however the work ends: answered, failed, timed out or refused.
      result.whenComplete((forecasts, failure) -> admitted.release());
      // The answer is encoded on an HTTP thread, not on the batcher's.
      result
          .whenCompleteAsync(
              (forecasts, failure) -> {
                if (failure != null) ex.fail(mapFailure(failure));
                else ex.respond(200, answer(request, forecasts), false);
              },
              server.getThreadPool())
          .exceptionally(
              e -> {
                ex.fail(RequestException.unavailable("cannot answer now: " + e.getMessage()));
                return null;
              });
    } catch (RequestException e) {
      admitted.release();
      ex.fail(e);
    } catch (RuntimeException e) {
      admitted.release();
      ex.fail(new RequestException(500, "inference failed: " + e.getMessage()));
    }
  }

  private JsonNode readJson(byte[] body, int length) throws RequestException {
    try {
      return json.readTree(body, 0, length);
    } catch (IOException e) {
      throw RequestException.badRequest("request body is not JSON or too large: " + e.getMessage());
    }
  }

  /** The answer, written straight to bytes: no tree of boxed values for the largest part. */
  private byte[] answer(InferRequest request, double[][][] forecasts) {
    var bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = json.getFactory().createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("model_name", model.name());
      g.writeStringField("model_version", model.version());
      if (request.id() != null) g.writeStringField("id", request.id());
      g.writeArrayFieldStart("outputs");
      g.writeStartObject();
      g.writeStringField("name", "forecast");
      g.writeStringField("datatype", "FP32");
      g.writeArrayFieldStart("shape");
      g.writeNumber(forecasts.length);
      g.writeNumber(request.horizon());
      g.writeNumber(request.contexts()[0][0].length);
      g.writeEndArray();
      g.writeArrayFieldStart("data");
      for (double[][] f : forecasts)
        for (double[] row : f) for (double v : row) g.writeNumber((float) v);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static RequestException mapFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RejectedExecutionException)
      return RequestException.unavailable(cause.getMessage());
    if (cause instanceof IllegalArgumentException)
      return RequestException.badRequest(cause.getMessage());
    if (cause instanceof Error)
      return RequestException.unavailable(
          "the model failed and this server stops serving: " + cause);
    return new RequestException(500, "inference failed: " + cause.getMessage());
  }

  private static void expect(String method, String allowed) throws RequestException {
    if (!method.equals(allowed)) throw new RequestException(405, "use " + allowed);
  }

  /**
   * JSON or nothing: clients that send no Content-Type (the JDK's HttpClient by default) are read
   * as JSON; any other declared type is refused rather than misread.
   */
  private static void expectJson(String contentType) throws RequestException {
    if (contentType == null) return;
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json") && !type.endsWith("+json"))
      throw new RequestException(415, "Content-Type must be application/json, not " + contentType);
  }

  private RequestException tooLarge() {
    return new RequestException(
        413, "request body larger than this server's limit of " + limits.maxBodyBytes() + " bytes");
  }

  /**
   * Reads the body as it arrives without holding a thread while the client is silent; gives up with
   * 413 beyond the body limit and 503 when the bodies in flight exceed the shared budget.
   */
  private final class BodyReader implements Runnable {
    private final Exchange ex;
    private byte[] bytes;
    private int size;
    private long reserved;

    /** {@code declared}: the Content-Length (at most the limit), or -1 for a chunked body. */
    BodyReader(Exchange ex, long declared) {
      this.ex = ex;
      // Grown as bytes arrive: a declared length is a claim, not yet memory worth holding.
      this.bytes = new byte[(int) Math.max(1024, Math.min(declared, 64 << 10))];
    }

    @Override
    public void run() {
      try {
        while (!ex.done.get()) {
          Content.Chunk chunk = ex.request.read();
          if (chunk == null) {
            ex.request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            release();
            ex.fail(new RequestException(408, "request body not received: " + chunk.getFailure()));
            return;
          }
          try {
            ByteBuffer data = chunk.getByteBuffer();
            int n = data.remaining();
            if ((long) size + n > limits.maxBodyBytes()) {
              release();
              ex.fail(tooLarge());
              return;
            }
            if (n > 0) {
              if (buffered.addAndGet(n) > limits.maxBufferedBodyBytes()) {
                buffered.addAndGet(-n);
                release();
                ex.fail(RequestException.unavailable("busy: too many request bodies in flight"));
                return;
              }
              reserved += n;
              if (size + n > bytes.length)
                bytes = Arrays.copyOf(bytes, Math.max(size + n, 2 * bytes.length));
              data.get(bytes, size, n);
              size += n;
            }
          } finally {
            chunk.release();
          }
          if (chunk.isLast()) {
            byte[] body = bytes;
            bytes = null;
            release();
            infer(ex, body, size);
            return;
          }
        }
        release();
      } catch (RuntimeException | Error e) {
        release();
        throw e;
      }
    }

    private void release() {
      buffered.addAndGet(-reserved);
      reserved = 0;
    }
  }

  /** One request: exactly one response, whoever gets there first (work, deadline or failure). */
  private final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final AtomicBoolean done = new AtomicBoolean();
    volatile CompletableFuture<double[][][]> inference;
    private volatile Scheduler.Task deadline;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void startDeadline() {
      deadline =
          request
              .getComponents()
              .getScheduler()
              .schedule(this::expire, limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
      CompletableFuture<double[][][]> work = inference;
      if (work == null) {
        fail(
            new RequestException(
                408,
                "request body not received within " + limits.requestTimeout().toSeconds() + " s"));
      } else {
        // Completing the future frees its admission and lets the batcher skip it.
        work.completeExceptionally(
            new RejectedExecutionException(
                "inference timed out after " + limits.requestTimeout().toSeconds() + " s"));
      }
    }

    /** The one place where failures become responses: {"error": "..."} with the status. */
    void fail(RequestException e) {
      byte[] body;
      try {
        body = json.writeValueAsBytes(json.createObjectNode().put("error", e.getMessage()));
      } catch (IOException io) {
        body = "{\"error\":\"internal\"}".getBytes(StandardCharsets.UTF_8);
      }
      if (e.status == 401) response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      respond(e.status, body, e.retryable);
    }

    void respond(int status, byte[] body, boolean retryAfter) {
      if (!done.compareAndSet(false, true)) return;
      Scheduler.Task task = deadline;
      if (task != null) task.cancel();
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      if (retryAfter) response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      server.stop();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // stopping is best effort; the batcher is closed either way
    } finally {
      batcher.close();
    }
  }
}
