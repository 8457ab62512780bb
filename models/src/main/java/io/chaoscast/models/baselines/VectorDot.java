package io.chaoscast.models.baselines;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Ridge.Accumulator}'s dot product on the JDK's incubating vector API. Its four lanes are
 * the scalar loop's four partial sums, added in the same order with a separate multiply and add
 * (never a fused multiply-add), so the result is the scalar one bit for bit. Loaded only when the
 * JVM has the {@code jdk.incubator.vector} module (the accumulator names it on that branch alone).
 */
final class VectorDot {

  private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

  private VectorDot() {}

  static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
    DoubleVector sums = DoubleVector.zero(FOUR);
    int r = 0;
    for (; r + 3 < n; r += 4) {
      var x = DoubleVector.fromArray(FOUR, a, aFrom + r);
      var y = DoubleVector.fromArray(FOUR, b, bFrom + r);
      sums = sums.add(x.mul(y));
    }
    double s0 = sums.lane(0);
    for (; r < n; r++) s0 += a[aFrom + r] * b[bFrom + r];
    return (s0 + sums.lane(1)) + (sums.lane(2) + sums.lane(3));
  }
}
