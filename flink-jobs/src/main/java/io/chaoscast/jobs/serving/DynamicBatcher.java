package io.chaoscast.jobs.serving;

import io.chaoscast.models.forecast.Forecaster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-side dynamic batching: requests from many callers are queued, and one worker thread runs
 * them through the model together, up to {@code maxBatch} context windows per call, waiting at most
 * {@code maxDelayMs} for a batch to fill. Callers get a future per request. No transport here: the
 * HTTP layer hands work over and maps failures to responses.
 */
public final class DynamicBatcher implements AutoCloseable {

  private record Pending(
      double[][][] contexts, int horizon, CompletableFuture<double[][][]> result) {}

  private final Forecaster model;
  private final int maxBatch;
  private final long maxDelayMs;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final Thread worker;
  private volatile boolean running = true;

  public DynamicBatcher(Forecaster model, int maxBatch, long maxDelayMs) {
    if (maxBatch < 1 || maxDelayMs < 0)
      throw new IllegalArgumentException("need maxBatch >= 1, maxDelayMs >= 0");
    this.model = model;
    this.maxBatch = maxBatch;
    this.maxDelayMs = maxDelayMs;
    this.worker = new Thread(this::loop, "dynamic-batcher");
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Forecasts {@code contexts} ([B][L][d]) {@code horizon} steps ahead, batched with other
   * callers'.
   */
  public CompletableFuture<double[][][]> submit(double[][][] contexts, int horizon) {
    var result = new CompletableFuture<double[][][]>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("the server is shutting down"));
    } else {
      queue.add(new Pending(contexts, horizon, result));
    }
    return result;
  }

  /** The most context windows one model call has carried so far. */
  public int largestBatch() {
    return largestBatch.get();
  }

  private void loop() {
    while (running) {
      try {
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Requests with the same horizon and window shape share one model call. */
  private void run(List<Pending> batch) {
    List<List<Pending>> groups = new ArrayList<>();
    for (Pending p : batch) {
      groups.stream()
          .filter(g -> compatible(g.get(0), p))
          .findFirst()
          .ifPresentOrElse(g -> g.add(p), () -> groups.add(new ArrayList<>(List.of(p))));
    }
    for (List<Pending> group : groups) {
      List<double[][]> all = new ArrayList<>();
      group.forEach(p -> all.addAll(List.of(p.contexts())));
      try {
        double[][][] out = model.forecast(all.toArray(new double[0][][]), group.get(0).horizon());
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
      }
    }
  }

  private static boolean compatible(Pending a, Pending b) {
    return a.horizon() == b.horizon()
        && a.contexts()[0].length == b.contexts()[0].length
        && a.contexts()[0][0].length == b.contexts()[0][0].length;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    worker.interrupt();
    worker.join(5_000);
    Pending p;
    while ((p = queue.poll()) != null)
      p.result().completeExceptionally(new IllegalStateException("the server stopped"));
  }
}
