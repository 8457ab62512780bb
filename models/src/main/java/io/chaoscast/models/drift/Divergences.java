package io.chaoscast.models.drift;

/** Divergences between discrete distributions, in nats. */
public final class Divergences {

  private Divergences() {}

  /**
   * Jensen-Shannon divergence (Lin 1991, "Divergence measures based on the Shannon entropy", IEEE
   * Trans. Inf. Theory 37:145): JS(p, q) = KL(p || M)/2 + KL(q || M)/2 with M = (p + q)/2; 0 for
   * equal distributions, ln 2 for disjoint ones. Inputs are non-negative weights, normalised here.
   */
  public static double jensenShannon(double[] p, double[] q) {
    if (p.length != q.length) throw new IllegalArgumentException("length mismatch");
    double sp = 0;
    double sq = 0;
    for (int i = 0; i < p.length; i++) {
      sp += p[i];
      sq += q[i];
    }
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double a = p[i] / sp;
      double b = q[i] / sq;
      double m = 0.5 * (a + b);
      if (a > 0) js += 0.5 * a * Math.log(a / m);
      if (b > 0) js += 0.5 * b * Math.log(b / m);
    }
    return Math.max(0, js);
  }
}
