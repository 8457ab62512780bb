package io.chaoscast.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The batcher's failure modes: an Error in a model call, a full queue, a call that does not return.
 * The model here is a forecaster whose behaviour each test scripts (repeat the context's last row,
 * fail, or wait on a latch), so that each mode can be produced on demand.
 */
class DynamicBatcherTest {

  private static final double[][][] ONE = {{{1, 2, 3}}};

  /** Signals {@code entered}, then waits for {@code latch}. */
  private static Supplier<Void> await(CountDownLatch entered, CountDownLatch latch) {
    return () -> {
      entered.countDown();
      try {
        latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    };
  }

  @Test
  void shouldFailTheRequestAndStopServingWhenTheModelThrowsAnError() throws Exception {
    var model = ScriptedForecaster.throwing(new OutOfMemoryError("Java heap space (scripted)"));
    try (var batcher = new DynamicBatcher(model, 8, 1)) {
      CompletableFuture<double[][][]> first = batcher.submit(ONE, 2);

      assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(OutOfMemoryError.class);
      for (int i = 0; i < 100 && batcher.live(); i++) Thread.sleep(10);
      assertThat(batcher.live()).isFalse();
      assertThat(batcher.ready()).isFalse();
      assertThat(batcher.notServingReason()).contains("OutOfMemoryError");
      // Later requests fail at once instead of waiting for a timeout.
      assertThatThrownBy(() -> batcher.submit(ONE, 2).get(1, TimeUnit.SECONDS))
          .hasCauseInstanceOf(RejectedExecutionException.class);
    }
  }

  @Test
  void shouldKeepServingAfterTheModelThrowsAnException() throws Exception {
    var fail = new java.util.concurrent.atomic.AtomicBoolean(true);
    var model =
        new ScriptedForecaster(
            () -> {
              if (fail.getAndSet(false)) throw new IllegalArgumentException("bad window");
              return null;
            });
    try (var batcher = new DynamicBatcher(model, 8, 1)) {
      assertThatThrownBy(() -> batcher.submit(ONE, 2).get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalArgumentException.class);
      assertThat(batcher.submit(ONE, 2).get(5, TimeUnit.SECONDS)[0][1]).containsExactly(1, 2, 3);
      assertThat(batcher.ready()).isTrue();
    }
  }

  @Test
  void shouldRejectRequestsBeyondTheQueueBoundAtOnce() throws Exception {
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    try (var batcher =
        new DynamicBatcher(
            new ScriptedForecaster(await(entered, release)), 1, 0, 2, Duration.ofSeconds(30))) {
      var running = batcher.submit(ONE, 1);
      // The worker takes the first request and blocks in the model; two more fill the queue.
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      var queued1 = batcher.submit(ONE, 1);
      var queued2 = batcher.submit(ONE, 1);
      var shed = batcher.submit(ONE, 1);

      assertThat(shed).isCompletedExceptionally();
      assertThatThrownBy(shed::join).hasCauseInstanceOf(RejectedExecutionException.class);
      release.countDown();
      for (var f : new CompletableFuture<?>[] {running, queued1, queued2})
        assertThat(f.get(5, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void shouldReportNotReadyWhileAModelCallRunsPastTheWedgeBound() throws Exception {
    var release = new CountDownLatch(1);
    try (var batcher =
        new DynamicBatcher(
            new ScriptedForecaster(await(new CountDownLatch(1), release)),
            8,
            0,
            4,
            Duration.ofMillis(200))) {
      var call = batcher.submit(ONE, 1);
      for (int i = 0; i < 300 && batcher.ready(); i++) Thread.sleep(10);

      assertThat(batcher.ready()).isFalse();
      assertThat(batcher.live()).isTrue();
      assertThat(batcher.notServingReason()).contains("wedge");
      release.countDown();
      call.get(5, TimeUnit.SECONDS);
      assertThat(batcher.ready()).isTrue();
    }
  }
}
