package io.chaoscast.jobs.serving;

import io.chaoscast.models.forecast.Forecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-side dynamic batching: requests from many callers are queued, and one worker thread runs
 * them through the model together, up to {@code maxBatch} context windows per call, waiting at most
 * {@code maxDelayMs} for a batch to fill. Callers get a future per request. No transport here: the
 * HTTP layer hands work over and maps failures to responses.
 *
 * <p>The queue is bounded: a request beyond {@code maxQueue} waiting ones is rejected at once
 * ({@link RejectedExecutionException}) rather than held. The worker survives any exception of the
 * model; an {@link Error} (out of memory, say) leaves the JVM in doubt, so the batcher stops, fails
 * every waiting request and reports itself not {@link #live()}, for the health endpoints to tell.
 */
public final class DynamicBatcher implements AutoCloseable {

  private record Pending(
      double[][][] contexts, int horizon, CompletableFuture<double[][][]> result) {}

  private final Forecaster model;
  private final int maxBatch;
  private final long maxDelayMs;
  private final long wedgedAfterNanos;
  private final BlockingQueue<Pending> queue;
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final Thread worker;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /** When the model call in progress began (System.nanoTime), or 0 between calls. */
  private volatile long busySince;

  public DynamicBatcher(Forecaster model, int maxBatch, long maxDelayMs) {
    this(model, maxBatch, maxDelayMs, ServeLimits.DEFAULT_MAX_QUEUE, Duration.ofSeconds(30));
  }

  /**
   * @param maxQueue most requests waiting for the worker
   * @param wedgedAfter a model call running longer than this makes the batcher not {@link #ready()}
   *     until it returns
   */
  public DynamicBatcher(
      Forecaster model, int maxBatch, long maxDelayMs, int maxQueue, Duration wedgedAfter) {
    if (maxBatch < 1 || maxDelayMs < 0 || maxQueue < 1)
      throw new IllegalArgumentException("need maxBatch >= 1, maxDelayMs >= 0, maxQueue >= 1");
    this.model = model;
    this.maxBatch = maxBatch;
    this.maxDelayMs = maxDelayMs;
    this.wedgedAfterNanos = wedgedAfter.toNanos();
    this.queue = new ArrayBlockingQueue<>(maxQueue);
    this.worker = new Thread(this::loop, "dynamic-batcher");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Forecasts {@code contexts} ([B][L][d]) {@code horizon} steps ahead, batched with other
   * callers'. The future fails with {@link RejectedExecutionException} when the queue is full or
   * the batcher no longer serves.
   */
  public CompletableFuture<double[][][]> submit(double[][][] contexts, int horizon) {
    var result = new CompletableFuture<double[][][]>();
    if (!live()) {
      result.completeExceptionally(new RejectedExecutionException(notServingReason()));
    } else if (!queue.offer(new Pending(contexts, horizon, result))) {
      result.completeExceptionally(
          new RejectedExecutionException(
              "the inference queue is full (" + queue.size() + " requests waiting)"));
    }
    return result;
  }

  /** The worker runs and has not failed: false only if the process cannot serve again. */
  public boolean live() {
    return running && failure == null && worker.isAlive();
  }

  /** Live, and no model call has been running for longer than the wedge bound. */
  public boolean ready() {
    long since = busySince;
    return live() && (since == 0 || System.nanoTime() - since < wedgedAfterNanos);
  }

  /** Why the batcher does not serve, for the health answers; null while it does. */
  public String notServingReason() {
    Throwable f = failure;
    if (f != null) return "the batcher stopped after " + f;
    if (!live()) return "the server is shutting down";
    if (!ready()) return "a model call has run for longer than the wedge bound";
    return null;
  }

  /** The most context windows one model call has carried so far. */
  public int largestBatch() {
    return largestBatch.get();
  }

  private void loop() {
    try {
      while (running) {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        int windows = first.contexts().length;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxDelayMs);
        while (windows < maxBatch) {
          Pending next =
              queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (next == null) break;
          batch.add(next);
          windows += next.contexts().length;
        }
        run(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // An Error here (out of memory while batching) would otherwise end the thread silently and
      // leave every later request waiting for its timeout while health still said ready.
      failure = e;
      failWaiting(e);
    }
  }

  /** Requests with the same horizon and window shape share one model call. */
  private void run(List<Pending> batch) {
    List<List<Pending>> groups = new ArrayList<>();
    for (Pending p : batch) {
      // A caller that gave up (its deadline passed) needs no model time.
      if (p.result().isDone()) continue;
      groups.stream()
          .filter(g -> compatible(g.get(0), p))
          .findFirst()
          .ifPresentOrElse(g -> g.add(p), () -> groups.add(new ArrayList<>(List.of(p))));
    }
    for (List<Pending> group : groups) {
      try {
        List<double[][]> all = new ArrayList<>();
        group.forEach(p -> all.addAll(List.of(p.contexts())));
        busySince = System.nanoTime();
        double[][][] out;
        try {
          out = model.forecast(all.toArray(new double[0][][]), group.get(0).horizon());
        } finally {
          busySince = 0;
        }
        largestBatch.accumulateAndGet(all.size(), Math::max);
        int offset = 0;
        for (Pending p : group) {
          double[][][] mine = new double[p.contexts().length][][];
          System.arraycopy(out, offset, mine, 0, mine.length);
          offset += mine.length;
          p.result().complete(mine);
        }
      } catch (RuntimeException e) {
        group.forEach(p -> p.result().completeExceptionally(e));
      } catch (Error e) {
        group.forEach(p -> p.result().completeExceptionally(e));
        throw e;
      }
    }
  }

  private static boolean compatible(Pending a, Pending b) {
    return a.horizon() == b.horizon()
        && a.contexts()[0].length == b.contexts()[0].length
        && a.contexts()[0][0].length == b.contexts()[0][0].length;
  }

  private void failWaiting(Throwable cause) {
    Pending p;
    while ((p = queue.poll()) != null)
      p.result().completeExceptionally(new RejectedExecutionException(cause.toString()));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    worker.interrupt();
    worker.join(5_000);
    failWaiting(new IllegalStateException("the server stopped"));
  }
}
