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
    if (args.length > 0 && args[0].equals("bench")) {
      benchSystems();
      return;
    }
    int[][] grid = {
      {800, 30}, {3000, 30}, {10000, 30}, {30000, 30}, {10000, 10}, {10000, 100}, {33000, 100}
    };
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
        for (int d = 1; d <= 6; d++) e1.append(String.format(Locale.ROOT, " %.3f", cao.e1()[d]));
        System.out.printf(
            Locale.ROOT,
            "N=%-5d points/LT=%-3.0f tau=%-2d %-5s | E1(1..6)%s | m at E1>=0.85: %d, 0.90: %d,"
                + " 0.95: %d | m where E1 rises < 10%%: %d | FNN m %d (false fraction at 3:"
                + " %.3f)%n",
            n,
            perLyapunovTime,
            tau,
            tau == ami.tau() ? "(AMI)" : "",
            e1,
            firstAtLeast(cao.e1(), 0.85),
            firstAtLeast(cao.e1(), 0.90),
            firstAtLeast(cao.e1(), 0.95),
            firstLevelling(cao.e1(), 0.10),
            fnn.dimension(),
            fnn.falseFraction()[3]);
      }
    }
  }

  /**
   * What each rule gives where the bench uses Cao (MambaTrainer.configure): every full-suite
   * system's fitting segment (its first 800 samples at 30 points per Lyapunov time), all channels,
   * tau per channel by AMI, d up to 4.
   */
  static void benchSystems() {
    for (String system : io.chaoscast.models.cli.BenchCommand.FULL_SYSTEMS) {
      double[][] fit = Dataset.simulate(system, 800).values();
      double[][] channels = io.chaoscast.models.embedding.DelayEmbedding.channels(fit);
      int[] tau = new int[channels.length];
      int theiler = 0;
      for (int c = 0; c < channels.length; c++) {
        tau[c] = DelayEstimator.estimate(channels[c]).tau();
        theiler = Math.max(theiler, tau[c]);
      }
      var cao = CaoMethod.estimate(channels, tau, 4, theiler);
      StringBuilder e1 = new StringBuilder();
      for (int d = 1; d <= 4; d++) e1.append(String.format(Locale.ROOT, " %.3f", cao.e1()[d]));
      System.out.printf(
          Locale.ROOT,
          "bench %-12s channels %d tau %s | E1(1..4)%s | m at E1>=0.90: %d | m where E1 rises <"
              + " 10%%: %d%n",
          system,
          channels.length,
          java.util.Arrays.toString(tau),
          e1,
          cao.dimension(),
          Math.min(4, firstLevelling(cao.e1(), 0.10)));
    }
  }

  /**
   * The first d after which E1 rises by less than {@code change} relative to E1(d): "E1 stops
   * changing" (Cao 1997) read as a relative-change rule, without a level.
   */
  private static int firstLevelling(double[] e1, double change) {
    for (int d = 1; d + 1 < e1.length; d++) if (e1[d + 1] < (1 + change) * e1[d]) return d;
    return e1.length;
  }

  private static int firstAtLeast(double[] e1, double level) {
    for (int d = 1; d < e1.length; d++) if (e1[d] >= level) return d;
    return e1.length;
  }
}
