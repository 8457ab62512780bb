package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KswinTest {

  @Test
  void ksStatisticIsTheLargestGapBetweenEmpiricalDistributions() {
    assertThat(Kswin.ksStatistic(new double[] {1, 2, 3}, new double[] {2, 3, 4}))
        .isCloseTo(1.0 / 3.0, within(1e-12));
    assertThat(Kswin.ksStatistic(new double[] {1, 2, 3}, new double[] {3, 1, 2})).isZero();
    assertThat(Kswin.ksStatistic(new double[] {1, 2}, new double[] {5, 6, 7})).isEqualTo(1.0);
  }

  @Test
  void criticalValueIsRaabsBoundForRiverDefaults() {
    assertThat(Kswin.withDefaults(0).criticalValue())
        .isCloseTo(Math.sqrt(-Math.log(0.005) / 30), within(1e-12))
        .isCloseTo(0.42025, within(1e-5));
  }

  @Test
  void neverSignalsOnIdenticalSamples() {
    Kswin k = Kswin.withDefaults(3);
    for (int i = 0; i < 1000; i++) assertThat(k.update(1.0)).isFalse();
    assertThat(k.statistic()).isZero();
  }

  @Test
  void signalsWithinOneStatWindowOfADistributionShift() {
    SplittableRandom r = new SplittableRandom(5);
    Kswin k = Kswin.withDefaults(1);
    int early = 0;
    for (int i = 0; i < 100; i++) if (k.update(r.nextDouble())) early++;
    int delay = -1;
    for (int i = 1; i <= 100 && delay < 0; i++) if (k.update(1 + r.nextDouble())) delay = i;
    assertThat(early).isZero();
    // disjoint supports: at x = 1 the gap is (shifted values among the last 30) / 30, which
    // exceeds 0.42 from the 13th shifted value on whatever the draw; sampling noise may cross
    // earlier
    assertThat(delay).isBetween(1, 13);
  }

  @Test
  void sameSeedGivesTheSameDecisions() {
    SplittableRandom r = new SplittableRandom(9);
    Kswin a = Kswin.withDefaults(42);
    Kswin b = Kswin.withDefaults(42);
    for (int i = 0; i < 2000; i++) {
      double x = r.nextGaussian() + (i > 1000 ? 0.8 : 0);
      assertThat(a.update(x)).isEqualTo(b.update(x));
      assertThat(a.statistic()).isEqualTo(b.statistic());
    }
  }

  /**
   * The detector against the paper's procedure written out plainly (fresh arrays for R and W, Psi
   * reduced to R in time order), over shifts that fire it many times.
   */
  @Test
  void followsThePlainProcedureUpdateForUpdate() {
    SplittableRandom r = new SplittableRandom(17);
    Kswin k = Kswin.withDefaults(7);
    PlainKswin plain = new PlainKswin(7);
    int changes = 0;
    for (int i = 0; i < 5000; i++) {
      double x = Math.rint(4 * r.nextGaussian()) / 4 + (i / 400 % 2 == 0 ? 0 : 1.5);
      boolean fired = k.update(x);
      assertThat(fired).isEqualTo(plain.update(x));
      assertThat(k.statistic()).isEqualTo(plain.statistic);
      if (fired) changes++;
    }
    assertThat(changes).isGreaterThan(5);
  }

  /** River's KSWIN with the same SplitMix64 draw, one new array per step. */
  private static final class PlainKswin {
    private final java.util.List<Double> psi = new java.util.ArrayList<>();
    private long rng;
    double statistic;

    PlainKswin(long seed) {
      rng = seed;
    }

    boolean update(double x) {
      if (psi.size() == 100) psi.remove(0);
      psi.add(x);
      if (psi.size() < 100) return false;
      double[] recent = new double[30];
      for (int i = 0; i < 30; i++) recent[i] = psi.get(70 + i);
      int[] idx = new int[70];
      for (int i = 0; i < 70; i++) idx[i] = i;
      double[] older = new double[30];
      for (int i = 0; i < 30; i++) {
        long z = (rng += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        int j = i + (int) Math.floorMod(z ^ (z >>> 31), (long) (70 - i));
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        older[i] = psi.get(idx[i]);
      }
      statistic = Kswin.ksStatistic(recent, older);
      if (statistic <= Kswin.withDefaults(0).criticalValue()) return false;
      psi.clear();
      for (double v : recent) psi.add(v);
      return true;
    }
  }
}
