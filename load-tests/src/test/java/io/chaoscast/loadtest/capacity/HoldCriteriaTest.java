package io.chaoscast.loadtest.capacity;

import static io.chaoscast.loadtest.capacity.CapacityFixtures.measured;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldCriteriaTest {

  private final HoldCriteria criteria = new HoldCriteria(50);

  @Test
  void shouldHoldAtExactlyTheThresholds() {
    assertThat(criteria.failures(10_000, measured(9_800, false, 0, 50))).isEmpty();
  }

  @Test
  void shouldNotHoldBelowNinetyEightPercentOfOffered() {
    assertThat(criteria.failures(10_000, measured(9_799, false, 0, 20)))
        .containsExactly("sustained 9799 < 98% of offered");
  }

  @Test
  void shouldNotHoldWithGrowingLag() {
    assertThat(criteria.failures(10_000, measured(10_000, true, 0, 20)))
        .containsExactly("lag growing");
  }

  @Test
  void shouldNotHoldAfterARestartOrWhenRestartsAreUnknown() {
    assertThat(criteria.failures(10_000, measured(10_000, false, 1, 20)))
        .containsExactly("1 restart(s)");
    assertThat(criteria.failures(10_000, measured(10_000, false, Double.NaN, 20)))
        .containsExactly("restart count unknown");
  }

  @Test
  void shouldNotHoldAboveTheLatencyBound() {
    assertThat(criteria.failures(10_000, measured(10_000, false, 0, 51)))
        .containsExactly("p99 51 ms > 50 ms");
  }

  @Test
  void shouldNotHoldWithoutEvidence() {
    assertThat(criteria.failures(10_000, measured(Double.NaN, false, 0, Double.NaN)))
        .containsExactly("no sustained figure", "no latency samples");
  }

  @Test
  void shouldListEveryReason() {
    assertThat(criteria.failures(10_000, measured(5_000, true, 2, 900))).hasSize(4);
  }
}
