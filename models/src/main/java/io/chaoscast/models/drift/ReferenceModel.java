package io.chaoscast.models.drift;

import io.chaoscast.models.embedding.DelayEstimator;
import io.chaoscast.models.neighbours.KdTree;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What a stream's reference period fixes: per-channel standardisation, the delay tau, the landmark
 * partition of delay space with its outside radius and reference occupancy, a subsample of
 * reference delay vectors (for the geometry score) and the standardised bounding box. Immutable
 * apart from a lazily rebuilt (transient) k-d tree.
 */
public final class ReferenceModel {

  /** Largest number of reference delay vectors kept for the geometry score. */
  static final int MAX_REFERENCE_VECTORS = 2048;

  final double[] mean;
  final double[] sd;
  final int tau;
  final int m;
  final double dt;
  final double[][] landmarks;

  /** Nearest-landmark distance beyond which a vector falls in the extra "outside" cell. */
  final double outsideRadius;

  /** Reference occupancy weights of the K landmark cells and the outside cell (+0.5 each). */
  final double[] occupancy;

  final double[][] vectors;
  final double[] lo;
  final double[] hi;

  /** Every how many reference delay vectors one was kept in {@link #vectors}. */
  private final int stride;

  /**
   * What {@link #write} writes, built once with the model (which never changes): every checkpoint
   * writes each monitored stream's reference, and one array instead of thousands of doubles halves
   * what a monitor's write costs (docs/bench/monitor-state-write.txt), for about 24 kB of heap.
   */
  private final byte[] written;

  private KdTree tree;

  private ReferenceModel(
      double[] mean,
      double[] sd,
      int tau,
      int m,
      double dt,
      double[][] landmarks,
      double outsideRadius,
      double[] occupancy,
      double[][] vectors,
      double[] lo,
      double[] hi,
      int stride) {
    this.mean = mean;
    this.sd = sd;
    this.tau = tau;
    this.m = m;
    this.dt = dt;
    this.landmarks = landmarks;
    this.outsideRadius = outsideRadius;
    this.occupancy = occupancy;
    this.vectors = vectors;
    this.lo = lo;
    this.hi = hi;
    this.stride = stride;
    this.written = encode();
  }

  /**
   * @param raw the reference samples, time-major
   * @param dt sampling interval in seconds
   */
  static ReferenceModel fit(double[][] raw, double dt, MonitorConfig config) {
    int n = raw.length;
    int d = raw[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] row : raw) for (int c = 0; c < d; c++) mean[c] += row[c] / n;
    for (double[] row : raw) {
      for (int c = 0; c < d; c++) sd[c] += (row[c] - mean[c]) * (row[c] - mean[c]) / n;
    }
    for (int c = 0; c < d; c++) sd[c] = sd[c] > 1e-24 ? Math.sqrt(sd[c]) : 1.0;
    double[][] z = new double[n][d];
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < d; c++) {
        z[t][c] = (raw[t][c] - mean[c]) / sd[c];
        lo[c] = Math.min(lo[c], z[t][c]);
        hi[c] = Math.max(hi[c], z[t][c]);
      }
    }
    int tau = config.tauSteps();
    if (tau <= 0) {
      double[] x = new double[n];
      for (int t = 0; t < n; t++) x[t] = z[t][0];
      tau = DelayEstimator.estimate(x).tau();
    }
    int m = config.embeddingDimension();
    // the window must hold the embedding span several times over
    tau = Math.max(1, Math.min(tau, config.window() / (2 * Math.max(1, m - 1))));
    int span = (m - 1) * tau;
    int count = n - span;
    double[][] all = new double[count][];
    for (int i = 0; i < count; i++) all[i] = StreamMonitor.embed(z, span + i, d, m, tau);
    double[][] landmarks = landmarks(all, Math.min(config.landmarks(), count));
    int k = landmarks.length;
    double[] dist = new double[count];
    double[] occ = new double[k + 1];
    java.util.Arrays.fill(occ, 0.5);
    for (int i = 0; i < count; i++) {
      int cell = nearestLandmark(landmarks, all[i]);
      dist[i] = RepresentationalSimilarity.distance(landmarks[cell], all[i]);
      occ[cell] += 1;
    }
    double[] sorted = dist.clone();
    java.util.Arrays.sort(sorted);
    double outside = 1.5 * Baseline.quantile(sorted, 0.99);
    int stride = Math.max(1, count / MAX_REFERENCE_VECTORS);
    double[][] kept = new double[(count + stride - 1) / stride][];
    for (int i = 0, j = 0; i < count; i += stride) kept[j++] = all[i];
    return new ReferenceModel(mean, sd, tau, m, dt, landmarks, outside, occ, kept, lo, hi, stride);
  }

  /**
   * Writes the fitted model (the k-d tree is rebuilt on demand); the channel count is the
   * monitor's. When every reference delay vector was kept (stride 1, the usual case) they and the
   * landmarks are delay vectors of one standardised series, so the series is written instead: m
   * times fewer values, and the vectors rebuilt from it are the same numbers.
   */
  void write(DataOutput out) throws IOException {
    out.write(written);
  }

  /** The fields in {@link #read}'s layout (into memory: no I/O to fail). */
  private byte[] encode() {
    var out = new StateBuffer(1024 + 8 * (vectors.length + span()) * mean.length);
    try {
      StateIO.writeDoubles(out, mean, mean.length);
      StateIO.writeDoubles(out, sd, sd.length);
      out.writeInt(tau);
      out.writeInt(m);
      out.writeDouble(dt);
      out.writeDouble(outsideRadius);
      out.writeInt(landmarks.length);
      StateIO.writeDoubles(out, occupancy, occupancy.length);
      StateIO.writeDoubles(out, lo, lo.length);
      StateIO.writeDoubles(out, hi, hi.length);
      out.writeInt(vectors.length);
      boolean series = stride == 1 && vectors.length > span();
      out.writeBoolean(series);
      if (series) {
        for (int t = 0; t < vectors.length + span(); t++) {
          for (int c = 0; c < mean.length; c++) out.writeDouble(seriesValue(t, c));
        }
      } else {
        StateIO.writeMatrix(out, landmarks);
        StateIO.writeMatrix(out, vectors);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private int span() {
    return (m - 1) * tau;
  }

  /** z_c(t) of the standardised reference series, read off the kept delay vectors (stride 1). */
  private double seriesValue(int t, int c) {
    // vectors[i][c m + j] = z_c(span + i - j tau): j = m - 1 gives z_c(i), j = 0 gives z_c(span +
    // i)
    return t < vectors.length ? vectors[t][c * m + m - 1] : vectors[t - span()][c * m];
  }

  /** Reads what {@link #write} wrote, refusing sizes that these settings could not have fitted. */
  static ReferenceModel read(DataInput in, int d, MonitorConfig config) throws IOException {
    double[] mean = StateIO.readDoubles(in, d);
    double[] sd = StateIO.readDoubles(in, d);
    int tau = StateIO.length(in, config.window(), "delay tau");
    int m = in.readInt();
    if (tau < 1 || m != config.embeddingDimension()) {
      throw new IOException("drift monitor state: tau " + tau + " or m " + m + " does not fit");
    }
    double dt = in.readDouble();
    double outside = in.readDouble();
    int k = StateIO.length(in, config.landmarks(), "landmark count");
    double[] occupancy = StateIO.readDoubles(in, k + 1);
    double[] lo = StateIO.readDoubles(in, d);
    double[] hi = StateIO.readDoubles(in, d);
    int count = StateIO.length(in, config.referenceSamples(), "reference vector count");
    if (k < 1 || count < 1) throw new IOException("drift monitor state: an empty reference model");
    int span = (m - 1) * tau;
    double[][] landmarks;
    double[][] vectors;
    int stride;
    if (in.readBoolean()) {
      if (count < k) throw new IOException("drift monitor state: fewer vectors than landmarks");
      double[][] z = StateIO.readMatrix(in, count + span, d);
      vectors = new double[count][];
      for (int i = 0; i < count; i++) vectors[i] = StreamMonitor.embed(z, span + i, d, m, tau);
      landmarks = landmarks(vectors, k);
      stride = 1;
    } else {
      landmarks = StateIO.readMatrix(in, k, d * m);
      vectors = StateIO.readMatrix(in, count, d * m);
      stride = 0; // not 1: written the same way again
    }
    return new ReferenceModel(
        mean, sd, tau, m, dt, landmarks, outside, occupancy, vectors, lo, hi, stride);
  }

  /** K landmarks spread evenly over the reference delay vectors. */
  private static double[][] landmarks(double[][] all, int k) {
    double[][] landmarks = new double[k][];
    for (int i = 0; i < k; i++) landmarks[i] = all[(int) ((long) i * all.length / k)].clone();
    return landmarks;
  }

  static int nearestLandmark(double[][] landmarks, double[] v) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < landmarks.length; i++) {
      double s = 0;
      double[] l = landmarks[i];
      for (int j = 0; j < v.length && s < bestD; j++) {
        double e = l[j] - v[j];
        s += e * e;
      }
      if (s < bestD) {
        bestD = s;
        best = i;
      }
    }
    return best;
  }

  /** Occupancy cell of a standardised delay vector: a landmark index, or K for outside. */
  int cell(double[] v) {
    int c = nearestLandmark(landmarks, v);
    return RepresentationalSimilarity.distance(landmarks[c], v) > outsideRadius
        ? landmarks.length
        : c;
  }

  /** The reference delay vector nearest to {@code v}. */
  double[] nearestReference(double[] v) {
    if (tree == null) tree = new KdTree(vectors);
    return vectors[tree.nearest(v, -1, -1)];
  }

  /** Delay tau in samples. */
  public int tau() {
    return tau;
  }

  /** Delays per channel m. */
  public int embeddingDimension() {
    return m;
  }

  /** Sampling interval of the reference period in seconds. */
  public double dtSeconds() {
    return dt;
  }
}
