package io.chaoscast.jobs.remote;

import static io.chaoscast.jobs.remote.CircuitBreaker.State.CLOSED;
import static io.chaoscast.jobs.remote.CircuitBreaker.State.HALF_OPEN;
import static io.chaoscast.jobs.remote.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breaker's state machine on a hand-driven clock. */
class CircuitBreakerTest {

  private long now = 1_000;
  private final List<String> changes = new ArrayList<>();

  private CircuitBreaker breaker(int consecutive, double rate, int window, long coolDown) {
    return new CircuitBreaker(
        new CircuitBreaker.Thresholds(consecutive, rate, window, coolDown),
        () -> now,
        (from, to) -> changes.add(from + "->" + to));
  }

  private static void fail(CircuitBreaker b, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(b.tryAcquire()).isTrue();
      b.onFailure();
    }
  }

  private static void succeed(CircuitBreaker b, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(b.tryAcquire()).isTrue();
      b.onSuccess();
    }
  }

  @Test
  void shouldOpenAfterTheConfiguredFailuresInARowAndRefuseCallsWhileOpen() {
    var b = breaker(3, 1.0, 100, 500);
    fail(b, 2);
    assertThat(b.state()).isEqualTo(CLOSED);
    fail(b, 1);
    assertThat(b.state()).isEqualTo(OPEN);
    assertThat(changes).containsExactly("CLOSED->OPEN");
    now += 499;
    assertThat(b.tryAcquire()).isFalse();
    assertThat(b.state()).isEqualTo(OPEN);
  }

  @Test
  void shouldStartCountingFailuresInARowAgainAfterASuccess() {
    var b = breaker(3, 1.0, 100, 500);
    fail(b, 2);
    succeed(b, 1);
    fail(b, 2);
    assertThat(b.state()).isEqualTo(CLOSED);
    fail(b, 1);
    assertThat(b.state()).isEqualTo(OPEN);
  }

  @Test
  void shouldOpenOnTheFailureRateOnlyOnceTheWindowIsFull() {
    var b = breaker(100, 0.5, 4, 500);
    succeed(b, 1);
    fail(b, 1);
    succeed(b, 1);
    assertThat(b.state()).isEqualTo(CLOSED); // 1 of 3: window not full
    fail(b, 1); // 2 of the last 4 failed: 0.5
    assertThat(b.state()).isEqualTo(OPEN);
  }

  @Test
  void shouldForgetOutcomesThatLeaveTheWindow() {
    var b = breaker(100, 0.75, 4, 500);
    fail(b, 2);
    succeed(b, 4); // the two failures slide out
    fail(b, 2);
    assertThat(b.state()).isEqualTo(CLOSED); // 2 of 4
    fail(b, 1);
    assertThat(b.state()).isEqualTo(OPEN); // 3 of 4
  }

  @Test
  void shouldLetOneProbeThroughAfterTheCoolDownAndCloseWhenItSucceeds() {
    var b = breaker(1, 1.0, 10, 500);
    fail(b, 1);
    now += 500;
    assertThat(b.tryAcquire()).isTrue();
    assertThat(b.state()).isEqualTo(HALF_OPEN);
    assertThat(b.tryAcquire()).as("a second caller while the probe is out").isFalse();
    b.onSuccess();
    assertThat(b.state()).isEqualTo(CLOSED);
    assertThat(changes).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void shouldOpenForAFullCoolDownAgainWhenTheProbeFails() {
    var b = breaker(1, 1.0, 10, 500);
    fail(b, 1);
    now += 700;
    fail(b, 1); // the probe
    assertThat(b.state()).isEqualTo(OPEN);
    now += 499;
    assertThat(b.tryAcquire()).isFalse();
    now += 1;
    assertThat(b.tryAcquire()).isTrue();
    assertThat(changes)
        .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN");
  }

  @Test
  void shouldStartClosedWithCleanCountsAfterRecovering() {
    var b = breaker(2, 1.0, 10, 500);
    fail(b, 2);
    now += 500;
    succeed(b, 1); // the probe closes it
    fail(b, 1);
    assertThat(b.state()).as("one failure after recovery is not two in a row").isEqualTo(CLOSED);
  }

  @Test
  void shouldRejectThresholdsThatCannotWork() {
    assertThatThrownBy(() -> new CircuitBreaker.Thresholds(0, 0.5, 10, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CircuitBreaker.Thresholds(1, 0, 10, 1))
        .hasMessageContaining("failureRate");
  }
}
