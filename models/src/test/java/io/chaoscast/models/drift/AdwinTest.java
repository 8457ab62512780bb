package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdwinTest {

  @Test
  void cutThresholdMatchesTheHandComputedBound() {
    // n0 = n1 = 100, var 1, delta 0.002: delta' = 0.002 / ln 200, m = 50,
    // eps = sqrt(2/50 ln(2/delta')) + 2/150 ln(2/delta') = 0.700002
    assertThat(Adwin.cutThreshold(100, 100, 1.0, 0.002)).isCloseTo(0.7000022165, within(1e-9));
  }

  @Test
  void detectsAMeanShiftWithinTwoClockTicksAndForgetsTheOldMean() {
    SplittableRandom r = new SplittableRandom(7);
    Adwin adwin = Adwin.withDefaults();
    for (int i = 0; i < 1000; i++) assertThat(adwin.update(0.1 * r.nextGaussian())).isFalse();
    int delay = -1;
    for (int k = 1; k <= 200 && delay < 0; k++)
      if (adwin.update(0.5 + 0.1 * r.nextGaussian())) delay = k;
    assertThat(delay).isBetween(1, 2 * Adwin.DEFAULT_CLOCK);
    assertThat(adwin.width()).isLessThan(1000);
    assertThat(adwin.statistic()).isGreaterThan(0.1);
  }

  @Test
  void keepsTheWholeWindowOfAStationaryStream() {
    SplittableRandom r = new SplittableRandom(11);
    Adwin adwin = Adwin.withDefaults();
    int detections = 0;
    for (int i = 0; i < 5000; i++) if (adwin.update(r.nextGaussian())) detections++;
    assertThat(detections).isZero();
    assertThat(adwin.width()).isEqualTo(5000);
    assertThat(adwin.mean()).isCloseTo(0.0, within(0.05));
  }

  @Test
  void holdsLogarithmicallyManyBuckets() {
    Adwin adwin = Adwin.withDefaults();
    for (int i = 0; i < 100_000; i++) adwin.update(i % 2);
    // at most max_buckets + 1 buckets of each of the ~17 sizes 2^0 .. 2^16
    assertThat(adwin.bucketCount()).isLessThanOrEqualTo(6 * 17);
    assertThat(adwin.width()).isEqualTo(100_000);
    assertThat(adwin.mean()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void keepsTheHistogramOfACompressionThatWalksEveryGroup() throws IOException {
    // The compression stops at the first size group within max_buckets; the reference below walks
    // every group after every value (the textbook form). Same detections and byte-identical state.
    SplittableRandom r = new SplittableRandom(3);
    Adwin adwin = Adwin.withDefaults();
    FullWalk reference = new FullWalk();
    for (int i = 0; i < 60_000; i++) {
      double x = (i / 7_000 % 3) * 0.4 + r.nextGaussian();
      assertThat(adwin.update(x)).as("value %d", i).isEqualTo(reference.update(x));
      if (i % 997 == 0) assertThat(state(adwin)).isEqualTo(reference.state());
    }
    assertThat(state(adwin)).isEqualTo(reference.state());
    assertThat(adwin.bucketCount()).isGreaterThan(20);
  }

  private static byte[] state(Adwin adwin) throws IOException {
    var bytes = new ByteArrayOutputStream();
    adwin.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  /** ADWIN with River's defaults whose compression walks all size groups after every value. */
  private static final class FullWalk {
    private final List<double[]> buckets = new ArrayList<>(); // {count, sum, m2}, oldest first
    private long seen;
    private double lastCut;

    boolean update(double x) {
      seen++;
      buckets.add(new double[] {1, x, 0});
      int end = buckets.size();
      while (end > 0) {
        double size = buckets.get(end - 1)[0];
        int start = end - 1;
        while (start > 0 && buckets.get(start - 1)[0] == size) start--;
        if (end - start <= Adwin.DEFAULT_MAX_BUCKETS) {
          end = start;
          continue;
        }
        double[] a = buckets.get(start);
        double[] b = buckets.remove(start + 1);
        long na = (long) a[0];
        long nb = (long) b[0];
        long n = na + nb;
        double d = a[1] / na - b[1] / nb;
        buckets.set(start, new double[] {n, a[1] + b[1], a[2] + b[2] + d * d * na * nb / n});
        end = start + 1;
      }
      if (seen < Adwin.DEFAULT_GRACE_PERIOD || seen % Adwin.DEFAULT_CLOCK != 0) return false;
      boolean shrank = false;
      while (cutOldest()) shrank = true;
      return shrank;
    }

    private boolean cutOldest() {
      if (buckets.size() < 2) return false;
      long n = 0;
      double sum = 0;
      for (double[] b : buckets) {
        n += (long) b[0];
        sum += b[1];
      }
      double mean = sum / n;
      double m2 = 0;
      for (double[] b : buckets) {
        double d = b[1] / (long) b[0] - mean;
        m2 += b[2] + d * d * (long) b[0];
      }
      double variance = m2 / n;
      long n0 = 0;
      double s0 = 0;
      for (int i = 0; i < buckets.size() - 1; i++) {
        n0 += (long) buckets.get(i)[0];
        s0 += buckets.get(i)[1];
        long n1 = n - n0;
        if (n0 < Adwin.DEFAULT_MIN_WINDOW_LENGTH || n1 < Adwin.DEFAULT_MIN_WINDOW_LENGTH) continue;
        double diff = Math.abs(s0 / n0 - (sum - s0) / n1);
        if (diff > Adwin.cutThreshold(n0, n1, variance, Adwin.DEFAULT_DELTA)) {
          lastCut = diff;
          buckets.remove(0);
          return true;
        }
      }
      return false;
    }

    byte[] state() throws IOException {
      var bytes = new ByteArrayOutputStream();
      var out = new DataOutputStream(bytes);
      out.writeLong(seen);
      out.writeDouble(lastCut);
      out.writeInt(buckets.size());
      for (double[] b : buckets) {
        out.writeLong((long) b[0]);
        out.writeDouble(b[1]);
        out.writeDouble(b[2]);
      }
      return bytes.toByteArray();
    }
  }
}
