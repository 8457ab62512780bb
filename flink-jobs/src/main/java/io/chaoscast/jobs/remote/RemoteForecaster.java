package io.chaoscast.jobs.remote;

import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.jobs.remote.RemoteInferenceException.Kind;
import io.chaoscast.models.forecast.Forecaster;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Forecaster} that asks a remote KServe v2 server and falls back to an in-process model
 * whenever the answer does not come: the circuit breaker is open, or the call failed after its
 * retries. {@link #id()} names the model that produced the last batch (the server's {@code
 * model_version}, or the fallback's id), so every forecast says where it came from.
 *
 * <p>Per call: a transient failure (no connection, timeout, 502/503/504) is retried up to {@code
 * retries} times, waiting {@code retry_backoff_ms}, then twice that, and so on; inference is a pure
 * function of its input, so sending it again is safe. Other 5xx answers, 401/403 (a wrong token)
 * and malformed, oversized or non-finite answers are not retried. The outcome after the retries is
 * one call for the breaker. A 4xx answer means the request does not fit the model on a live server:
 * that batch falls back, and the breaker counts a success (the server is healthy). The half-open
 * probe gets no retries. The worst case a batch can wait is {@code (retries + 1) x timeout_ms} plus
 * the back-offs.
 *
 * <p>Built inside the running operator and never serialised; one thread uses it.
 */
public final class RemoteForecaster implements Forecaster, AutoCloseable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteForecaster.class);

  /**
   * @param calls HTTP requests sent, retries included
   * @param failures HTTP requests that did not return forecasts
   * @param fallbackForecasts forecasts made by the fallback model
   */
  public record Counters(Counter calls, Counter failures, Counter fallbackForecasts) {
    public static Counters unregistered() {
      return new Counters(new SimpleCounter(), new SimpleCounter(), new SimpleCounter());
    }
  }

  private final KServeClient client;
  private final CircuitBreaker breaker;
  private final Forecaster fallback;
  private final int retries;
  private final long retryBackoffMs;
  private final Counters counters;
  private String lastId;

  /**
   * @param nanoClock the breaker's clock ({@code System::nanoTime} in the job)
   * @param listener hears the breaker's state changes
   */
  public RemoteForecaster(
      RemoteInference settings,
      Forecaster fallback,
      Counters counters,
      LongSupplier nanoClock,
      CircuitBreaker.Listener listener) {
    this.client = KServeClient.open(settings);
    var b = settings.breaker();
    this.breaker =
        new CircuitBreaker(
            new CircuitBreaker.Thresholds(
                b.consecutiveFailures(),
                b.failureRate(),
                b.windowCalls(),
                TimeUnit.MILLISECONDS.toNanos(b.coolDownMs())),
            nanoClock,
            (from, to) -> {
              LOG.warn(
                  "remote inference at {}: circuit breaker {} -> {}", client.inferUri(), from, to);
              listener.onStateChange(from, to);
            });
    this.fallback = fallback;
    this.retries = settings.retries();
    this.retryBackoffMs = settings.retryBackoffMs();
    this.counters = counters;
    this.lastId = fallback.id();
  }

  public CircuitBreaker.State breakerState() {
    return breaker.state();
  }

  /**
   * Whether forecasts come from the fallback until the server is back: the breaker is not closed.
   */
  public boolean fallbackActive() {
    return breaker.state() != CircuitBreaker.State.CLOSED;
  }

  @Override
  public String id() {
    return lastId;
  }

  @Override
  public int minContextLength() {
    return fallback.minContextLength();
  }

  @Override
  public double[][][] forecast(double[][][] contexts, int horizon) {
    if (breaker.tryAcquire()) {
      boolean probe = breaker.state() == CircuitBreaker.State.HALF_OPEN;
      try {
        KServeClient.Reply reply = callWithRetries(contexts, horizon, probe ? 0 : retries);
        breaker.onSuccess();
        lastId = reply.modelVersion();
        return reply.forecasts();
      } catch (RemoteInferenceException | RuntimeException e) {
        // A RuntimeException here is a client bug met by some answer; it must not fail the job.
        if (e instanceof RemoteInferenceException r && r.kind() == Kind.REJECTED) {
          breaker.onSuccess();
          LOG.warn("remote inference rejected a batch; it falls back: {}", e.getMessage());
        } else {
          breaker.onFailure();
          LOG.debug("remote inference failed; the batch falls back: {}", e.getMessage());
        }
      }
    }
    counters.fallbackForecasts().inc(contexts.length);
    lastId = fallback.id();
    return fallback.forecast(contexts, horizon);
  }

  private KServeClient.Reply callWithRetries(double[][][] contexts, int horizon, int retries)
      throws RemoteInferenceException {
    long backoff = retryBackoffMs;
    for (int attempt = 0; ; attempt++) {
      counters.calls().inc();
      try {
        return client.infer(contexts, horizon);
      } catch (RemoteInferenceException e) {
        counters.failures().inc();
        if (e.kind() != Kind.TRANSIENT || attempt >= retries) throw e;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteInferenceException(Kind.TRANSIENT, "interrupted", e);
      }
      backoff *= 2;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
