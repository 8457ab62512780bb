package io.chaoscast.models.neighbours;

/**
 * A static k-d tree (Bentley 1975; Friedman, Bentley and Finkel 1977) over n points in R^d under
 * the Euclidean or the maximum norm. Built in O(n log n) by median splits along the widest
 * dimension; leaves hold up to 12 points. Queries are exact.
 *
 * <p>Points are identified by their row index in the input, which for time series is the time
 * index, so queries can exclude a Theiler window |i - j| <= w around a reference index (Theiler
 * 1986). Immutable after construction and safe to query from several threads.
 */
public final class KdTree {

  /** Distance used by the tree. */
  public enum Norm {
    EUCLIDEAN,
    MAXIMUM
  }

  /** Receives each point found by a range search and its distance. */
  @FunctionalInterface
  public interface Visitor {
    void visit(int index, double distance);
  }

  private static final int LEAF = 12;

  private final int n;
  private final int d;
  private final double[] coords; // row-major copy, n * d
  private final int[] perm;
  private final int[] splitDim; // indexed by the median position of an internal node
  private final Norm norm;

  /** Builds a Euclidean tree; {@code points[i]} all have the same length. */
  public KdTree(double[][] points) {
    this(points, Norm.EUCLIDEAN);
  }

  public KdTree(double[][] points, Norm norm) {
    this.n = points.length;
    this.d = n == 0 ? 0 : points[0].length;
    this.norm = norm;
    this.coords = new double[n * d];
    for (int i = 0; i < n; i++) {
      if (points[i].length != d) throw new IllegalArgumentException("ragged point array");
      System.arraycopy(points[i], 0, coords, i * d, d);
    }
    this.perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    this.splitDim = new int[n];
    if (n > 0) build(0, n);
  }

  public int size() {
    return n;
  }

  public int dimension() {
    return d;
  }

  /** Coordinate {@code k} of point {@code i}. */
  public double coordinate(int i, int k) {
    return coords[i * d + k];
  }

  /** Distance between stored points i and j under the tree's norm. */
  public double distance(int i, int j) {
    return Math.sqrt(dist2(coords, i * d, coords, j * d));
  }

  /**
   * Index of the point nearest to stored point {@code i}, ignoring points j with |i - j| <= theiler
   * (and i itself); -1 if none qualifies.
   */
  public int nearest(int i, int theiler) {
    double[] q = new double[d];
    System.arraycopy(coords, i * d, q, 0, d);
    return nearest(q, i, theiler);
  }

  /**
   * Index of the point nearest to {@code q}, ignoring indices within {@code theiler} of {@code
   * center} (pass a negative theiler to ignore nothing); -1 if none qualifies.
   */
  public int nearest(double[] q, int center, int theiler) {
    Best best = new Best();
    if (n > 0) searchNearest(q, 0, n, center, theiler, best);
    return best.index;
  }

  /**
   * Calls {@code visitor} for every point within distance {@code r} (inclusive) of stored point
   * {@code i}, excluding |i - j| <= theiler.
   */
  public void forEachWithin(int i, double r, int theiler, Visitor visitor) {
    double[] q = new double[d];
    System.arraycopy(coords, i * d, q, 0, d);
    if (n > 0) searchRange(q, 0, n, r, r * r, i, theiler, visitor);
  }

  /** Number of stored points within distance r of {@code q}, excluding the Theiler window. */
  public int countWithin(double[] q, double r, int center, int theiler) {
    int[] count = new int[1];
    if (n > 0) searchRange(q, 0, n, r, r * r, center, theiler, (j, dist) -> count[0]++);
    return count[0];
  }

  // ---------------------------------------------------------------- construction

  private void build(int lo, int hi) {
    if (hi - lo <= LEAF) return;
    int dim = widestDimension(lo, hi);
    int mid = (lo + hi) >>> 1;
    select(lo, hi - 1, mid, dim);
    splitDim[mid] = dim;
    build(lo, mid);
    build(mid + 1, hi);
  }

  private int widestDimension(int lo, int hi) {
    int best = 0;
    double bestSpread = -1;
    for (int k = 0; k < d; k++) {
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (int i = lo; i < hi; i++) {
        double v = coords[perm[i] * d + k];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > bestSpread) {
        bestSpread = max - min;
        best = k;
      }
    }
    return best;
  }

  /** Hoare quickselect on perm[lo..hi] so that perm[k] holds the median along dim. */
  private void select(int lo, int hi, int k, int dim) {
    while (hi > lo) {
      double pivot = coords[perm[(lo + hi) >>> 1] * d + dim];
      int i = lo, j = hi;
      while (i <= j) {
        while (coords[perm[i] * d + dim] < pivot) i++;
        while (coords[perm[j] * d + dim] > pivot) j--;
        if (i <= j) {
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return;
    }
  }

  // ---------------------------------------------------------------- queries

  private static final class Best {
    int index = -1;
    double dist2 = Double.POSITIVE_INFINITY;
  }

  private void searchNearest(double[] q, int lo, int hi, int center, int theiler, Best best) {
    if (hi - lo <= LEAF) {
      for (int i = lo; i < hi; i++) consider(q, perm[i], center, theiler, best);
      return;
    }
    int mid = (lo + hi) >>> 1;
    int dim = splitDim[mid];
    int p = perm[mid];
    double diff = q[dim] - coords[p * d + dim];
    consider(q, p, center, theiler, best);
    if (diff < 0) {
      searchNearest(q, lo, mid, center, theiler, best);
      if (planeDist2(diff) < best.dist2) searchNearest(q, mid + 1, hi, center, theiler, best);
    } else {
      searchNearest(q, mid + 1, hi, center, theiler, best);
      if (planeDist2(diff) < best.dist2) searchNearest(q, lo, mid, center, theiler, best);
    }
  }

  private void consider(double[] q, int p, int center, int theiler, Best best) {
    if (theiler >= 0 && Math.abs(p - center) <= theiler) return;
    double dd = dist2(q, 0, coords, p * d);
    if (dd < best.dist2) {
      best.dist2 = dd;
      best.index = p;
    }
  }

  private void searchRange(
      double[] q, int lo, int hi, double r, double r2, int center, int theiler, Visitor v) {
    if (hi - lo <= LEAF) {
      for (int i = lo; i < hi; i++) visitIfWithin(q, perm[i], r2, center, theiler, v);
      return;
    }
    int mid = (lo + hi) >>> 1;
    int dim = splitDim[mid];
    double diff = q[dim] - coords[perm[mid] * d + dim];
    visitIfWithin(q, perm[mid], r2, center, theiler, v);
    if (diff <= r) searchRange(q, lo, mid, r, r2, center, theiler, v);
    if (diff >= -r) searchRange(q, mid + 1, hi, r, r2, center, theiler, v);
  }

  private void visitIfWithin(double[] q, int p, double r2, int center, int theiler, Visitor v) {
    if (theiler >= 0 && Math.abs(p - center) <= theiler) return;
    double dd = dist2(q, 0, coords, p * d);
    if (dd <= r2) v.visit(p, Math.sqrt(dd));
  }

  /** Squared distance (Euclidean) or squared maximum distance, so comparisons are uniform. */
  private double dist2(double[] a, int ao, double[] b, int bo) {
    if (norm == Norm.EUCLIDEAN) {
      double s = 0;
      for (int k = 0; k < d; k++) {
        double t = a[ao + k] - b[bo + k];
        s += t * t;
      }
      return s;
    }
    double m = 0;
    for (int k = 0; k < d; k++) {
      double t = Math.abs(a[ao + k] - b[bo + k]);
      if (t > m) m = t;
    }
    return m * m;
  }

  private static double planeDist2(double diff) {
    return diff * diff;
  }
}
