package io.chaoscast.models.bench;

import io.chaoscast.models.embedding.CaoMethod;
import io.chaoscast.models.embedding.DelayEstimate;
import io.chaoscast.models.embedding.DelayEstimator;
import io.chaoscast.models.embedding.FalseNearestNeighbours;
import io.chaoscast.models.training.Dataset;
import java.util.Locale;

/**
 * Why Cao's method gives m = 4 for the x-coordinate of Lorenz63 where the literature gives 3: E1
 * and the FNN fraction for a grid of record lengths, samplings (points per Lyapunov time) and
 * delays (half, once and twice the AMI delay), with the dimension each saturation level would
 * choose. Output and conclusions: docs/bench/cao-lorenz63.txt and docs/dynamics.md. Run from the
 * repository root after {@code models/bench.sh -h} has built the classpath:
 *
 * <pre>
 * java -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
 *   io.chaoscast.models.bench.CaoLorenzStudy
 * </pre>
 */
public final class CaoLorenzStudy {

  private CaoLorenzStudy() {}

  public static void main(String[] args) {
    int[][] grid = {{3000, 30}, {10000, 30}, {30000, 30}, {10000, 10}, {10000, 100}, {33000, 100}};
    for (int[] cell : grid) {
      int n = cell[0];
      double perLyapunovTime = cell[1];
      Dataset ds = Dataset.simulate("lorenz63", n, perLyapunovTime);
      double[] x = new double[n];
      for (int t = 0; t < n; t++) x[t] = ds.values()[t][0];
      DelayEstimate ami = DelayEstimator.estimate(x);
      for (int tau : new int[] {Math.max(1, ami.tau() / 2), ami.tau(), 2 * ami.tau()}) {
        var cao = CaoMethod.estimate(new double[][] {x}, new int[] {tau}, 8, tau);
        var fnn = FalseNearestNeighbours.estimate(new double[][] {x}, new int[] {tau}, 8, tau);
        StringBuilder e1 = new StringBuilder();
        for (int d = 2; d <= 6; d++) e1.append(String.format(Locale.ROOT, " %.3f", cao.e1()[d]));
        System.out.printf(
            Locale.ROOT,
            "N=%-5d points/LT=%-3.0f tau=%-2d %-5s | E1(2..6)%s | m at E1>=0.85: %d, 0.90: %d,"
                + " 0.95: %d | FNN m %d (false fraction at 3: %.3f)%n",
            n,
            perLyapunovTime,
            tau,
            tau == ami.tau() ? "(AMI)" : "",
            e1,
            firstAtLeast(cao.e1(), 0.85),
            firstAtLeast(cao.e1(), 0.90),
            firstAtLeast(cao.e1(), 0.95),
            fnn.dimension(),
            fnn.falseFraction()[3]);
      }
    }
  }

  private static int firstAtLeast(double[] e1, double level) {
    for (int d = 1; d < e1.length; d++) if (e1[d] >= level) return d;
    return e1.length;
  }
}
