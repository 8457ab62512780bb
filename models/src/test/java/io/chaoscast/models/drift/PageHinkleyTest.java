package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Page-Hinkley against values computed by hand from the definition in docs/drift.md. */
class PageHinkleyTest {

  @Test
  void statisticMatchesTheHandComputedCumulativeSumAfterAStep() {
    // delta 0, alpha 1: U_T = sum (x_t - xbar_t). Sequence 0,0,0,0,1,1:
    // T=5: xbar 0.2, U = 0.8; T=6: xbar 1/3, U = 0.8 + 2/3; min U = 0.
    PageHinkley ph = new PageHinkley(1, 0.0, 2.0, 1.0);
    for (double x : new double[] {0, 0, 0, 0, 1, 1}) assertThat(ph.update(x)).isFalse();
    assertThat(ph.statistic()).isCloseTo(0.8 + 2.0 / 3.0, within(1e-12));
  }

  @Test
  void signalsOnTheSampleWhereTheStatisticFirstExceedsTheThreshold() {
    // T=7: xbar 3/7, U = 0.8 + 2/3 + 4/7 = 2.0381 > 2.0, but not > 2.1
    PageHinkley fires = new PageHinkley(1, 0.0, 2.0, 1.0);
    PageHinkley holds = new PageHinkley(1, 0.0, 2.1, 1.0);
    boolean[] fired = new boolean[7];
    boolean[] held = new boolean[7];
    double[] xs = {0, 0, 0, 0, 1, 1, 1};
    for (int i = 0; i < xs.length; i++) {
      fired[i] = fires.update(xs[i]);
      held[i] = holds.update(xs[i]);
    }
    assertThat(fired).containsExactly(false, false, false, false, false, false, true);
    assertThat(held).containsOnly(false);
    assertThat(holds.statistic()).isCloseTo(0.8 + 2.0 / 3.0 + 4.0 / 7.0, within(1e-12));
    assertThat(fires.statistic()).as("reset after a detection").isZero();
  }

  @Test
  void detectsADecreaseAsWellAsAnIncrease() {
    PageHinkley ph = new PageHinkley(1, 0.0, 2.0, 1.0);
    boolean last = false;
    for (double x : new double[] {0, 0, 0, 0, -1, -1, -1}) last = ph.update(x);
    assertThat(last).isTrue();
  }

  @Test
  void riverDefaultsWaitForThirtyInstancesBeforeSignalling() {
    PageHinkley ph = PageHinkley.withDefaults();
    int first = -1;
    for (int i = 0; i < 40 && first < 0; i++) if (ph.update(i == 0 ? 0 : 1000)) first = i;
    assertThat(first).isEqualTo(PageHinkley.DEFAULT_MIN_INSTANCES - 1);
  }

  @Test
  void riverDefaultsDetectAStepOfTenUnitsWithinTenSamples() {
    // After 100 zeros a step to 10: U grows by about 10 (1 - k/(100+k)) per sample, > 50 at k = 6.
    PageHinkley ph = PageHinkley.withDefaults();
    for (int i = 0; i < 100; i++) assertThat(ph.update(0)).isFalse();
    int delay = -1;
    for (int k = 1; k <= 20 && delay < 0; k++) if (ph.update(10)) delay = k;
    assertThat(delay).isEqualTo(6);
  }
}
