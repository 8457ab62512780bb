package io.chaoscast.models.neighbours;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KdTreeTest {

  private static double[][] randomPoints(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] p = new double[n][d];
    for (double[] row : p) for (int k = 0; k < d; k++) row[k] = r.nextDouble();
    return p;
  }

  private static double dist(double[] a, double[] b, boolean max) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double t = Math.abs(a[k] - b[k]);
      s = max ? Math.max(s, t) : s + t * t;
    }
    return max ? s : Math.sqrt(s);
  }

  @Test
  void nearestNeighbourOutsideTheilerWindowMatchesBruteForce() {
    for (KdTree.Norm norm : KdTree.Norm.values()) {
      double[][] p = randomPoints(2000, 3, 1);
      KdTree tree = new KdTree(p, norm);
      for (int i = 0; i < 2000; i += 37) {
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        for (int j = 0; j < 2000; j++) {
          if (Math.abs(i - j) <= 5) continue;
          double d = dist(p[i], p[j], norm == KdTree.Norm.MAXIMUM);
          if (d < bd) {
            bd = d;
            best = j;
          }
        }
        int found = tree.nearest(i, 5);
        assertThat(tree.distance(i, found)).isEqualTo(bd);
        assertThat(Math.abs(found - i)).isGreaterThan(5);
        if (found != best) assertThat(tree.distance(i, best)).isEqualTo(bd); // tie
      }
    }
  }

  @Test
  void rangeSearchFindsExactlyThePointsWithinTheRadius() {
    double[][] p = randomPoints(3000, 4, 2);
    KdTree tree = new KdTree(p);
    for (int i = 0; i < 3000; i += 101) {
      int brute = 0;
      for (int j = 0; j < 3000; j++) {
        if (Math.abs(i - j) > 2 && dist(p[i], p[j], false) <= 0.3) brute++;
      }
      int[] count = new int[1];
      tree.forEachWithin(i, 0.3, 2, (j, d) -> count[0]++);
      assertThat(count[0]).isEqualTo(brute);
      assertThat(tree.countWithin(p[i], 0.3, i, 2)).isEqualTo(brute);
    }
  }

  @Test
  void handlesDuplicatePoints() {
    double[][] p = new double[100][2];
    KdTree tree = new KdTree(p);
    assertThat(tree.nearest(50, 0)).isNotEqualTo(50).isNotNegative();
    assertThat(tree.countWithin(new double[2], 0.0, -1, -1)).isEqualTo(100);
  }
}
