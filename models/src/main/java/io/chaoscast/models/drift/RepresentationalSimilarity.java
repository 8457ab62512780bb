package io.chaoscast.models.drift;

/**
 * Representational similarity (Kriegeskorte, Mur and Bandettini 2008, "Representational similarity
 * analysis", Front. Syst. Neurosci. 2:4) between two representations of the same n items: the
 * Pearson correlation of the upper triangles of their Euclidean distance matrices (RDMs).
 *
 * <p>The drift monitor uses items = n recent delay vectors; representation A is the vectors
 * themselves and representation B is each vector's nearest neighbour in the reference period. If
 * the recent states lie on the reference attractor, B reproduces A's distance structure (noise only
 * perturbs short distances); if the attractor has changed, the nearest reference points distort it.
 * The reported drift score is the dissimilarity 1 - r, in [0, 2].
 */
public final class RepresentationalSimilarity {

  private RepresentationalSimilarity() {}

  /** Pearson r between the RDMs of {@code a} and {@code b} (rows are items); NaN if degenerate. */
  public static double correlation(double[][] a, double[][] b) {
    int n = a.length;
    if (b.length != n || n < 3) throw new IllegalArgumentException("need >= 3 paired items");
    int pairs = n * (n - 1) / 2;
    double[] da = new double[pairs];
    double[] db = new double[pairs];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        da[k] = distance(a[i], a[j]);
        db[k] = distance(b[i], b[j]);
        k++;
      }
    }
    return pearson(da, db);
  }

  /** 1 - r; 1 when either distance structure is degenerate (all distances equal). */
  public static double dissimilarity(double[][] a, double[][] b) {
    double r = correlation(a, b);
    return Double.isFinite(r) ? 1 - r : 1.0;
  }

  static double distance(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - y[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double a = x[i] - mx;
      double b = y[i] - my;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    if (sxx <= 0 || syy <= 0) return Double.NaN;
    return sxy / Math.sqrt(sxx * syy);
  }
}
