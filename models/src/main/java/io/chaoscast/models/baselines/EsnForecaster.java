package io.chaoscast.models.baselines;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.ArtifactWeights;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.forecast.WindowForecaster;
import io.chaoscast.models.metrics.Standardisation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Echo state network (Jaeger 2001; leaky-integrator form of Lukosevicius and Jaeger 2009, eq. 2-3)
 * with a ridge readout, trained by teacher forcing and run in closed loop to forecast (Pathak,
 * Hunt, Girvan, Lu and Ott 2018, PRL 120:024102).
 *
 * <p>Reservoir update: r_t = (1 - a) r_{t-1} + a tanh(W r_{t-1} + W_in u_t + b), with W a sparse
 * random matrix rescaled to spectral radius rho, W_in uniform in [-sigma, sigma], b uniform in
 * [-sigma/2, sigma/2]. Readout: u_{t+1} - u_t = W_out [1, u_t, r_t, r_t^2] (squared states as in
 * Pathak et al. 2018 break the tanh's odd symmetry; predicting the increment suits dense sampling).
 * u is the series standardised with the training data. The reservoir is regenerated from the seed,
 * so the weights file holds only the configuration and W_out.
 */
public final class EsnForecaster implements WindowForecaster, ArtifactWeights {

  private static final long serialVersionUID = 1L;

  /**
   * @param units reservoir size N
   * @param spectralRadius rho
   * @param inputScaling sigma
   * @param leak a in (0, 1]
   * @param ridge readout regularisation alpha
   * @param density fraction of non-zero entries of W
   * @param washout samples driven before the first training row / before forecasting
   * @param seed reservoir seed
   */
  public record Config(
      int units,
      double spectralRadius,
      double inputScaling,
      double leak,
      double ridge,
      double density,
      int washout,
      long seed) {

    public Config {
      if (units < 1 || !(leak > 0 && leak <= 1) || ridge < 0 || !(density > 0) || washout < 1) {
        throw new IllegalArgumentException("invalid ESN configuration");
      }
    }

    /** 300 units, rho 0.9, sigma 0.5, a 1, alpha 1e-6, density 0.05, washout 100. */
    public static Config defaults(long seed) {
      return new Config(300, 0.9, 0.5, 1.0, 1e-6, 0.05, 100, seed);
    }
  }

  record Weights(Config config, double[] lo, double[] hi, double[][] readout) {}

  private final Config config;
  private final double[] mean;
  private final double[] std;
  private final Bounds bounds;
  private final double[][] readout;
  // Reservoir in compressed sparse rows: values, column indices, row starts.
  private final double[] wValues;
  private final int[] wColumns;
  private final int[] wRows;
  private final double[][] wIn;
  private final double[] bias;

  private EsnForecaster(
      Config config, Standardisation norm, Bounds bounds, double[][] readout, int d) {
    this.config = config;
    this.mean = norm.mean();
    this.std = norm.std();
    this.bounds = bounds;
    this.readout = readout;
    int n = config.units();
    SplittableRandom rng = new SplittableRandom(config.seed());
    double[][] dense = new double[n][n];
    int nnz = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (rng.nextDouble() < config.density()) {
          dense[i][j] = rng.nextDouble(-1, 1);
          nnz++;
        }
      }
    }
    double scale = config.spectralRadius() / spectralRadius(dense, rng);
    wValues = new double[nnz];
    wColumns = new int[nnz];
    wRows = new int[n + 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
      wRows[i] = k;
      for (int j = 0; j < n; j++) {
        if (dense[i][j] != 0) {
          wValues[k] = dense[i][j] * scale;
          wColumns[k++] = j;
        }
      }
    }
    wRows[n] = k;
    wIn = new double[n][d];
    bias = new double[n];
    double s = config.inputScaling();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) wIn[i][c] = rng.nextDouble(-s, s);
      bias[i] = rng.nextDouble(-s / 2, s / 2);
    }
  }

  /** Fits the readout on a time-major training series. */
  public static EsnForecaster fit(double[][] training, Config config, Standardisation norm) {
    double[][] u = norm.apply(training);
    int d = u[0].length;
    if (u.length < config.washout() + 2 * config.units()) {
      throw new IllegalArgumentException(
          "training series of "
              + u.length
              + " samples is too short for "
              + config.units()
              + " reservoir units");
    }
    EsnForecaster shell = new EsnForecaster(config, norm, Bounds.of(u), null, d);
    int features = 1 + d + 2 * config.units();
    Ridge.Accumulator acc = new Ridge.Accumulator(features, d);
    double[] r = new double[config.units()];
    double[] f = new double[features];
    double[] y = new double[d];
    for (int t = 0; t < u.length - 1; t++) {
      shell.update(r, u[t]);
      if (t < config.washout()) continue;
      shell.features(r, u[t], f);
      for (int c = 0; c < d; c++) y[c] = u[t + 1][c] - u[t][c];
      acc.add(f, y);
    }
    return new EsnForecaster(config, norm, shell.bounds, acc.solve(config.ridge()), d);
  }

  public static EsnForecaster read(Path weightsFile, ModelManifest manifest) throws IOException {
    Weights w = new ObjectMapper().readValue(weightsFile.toFile(), Weights.class);
    int d = manifest.channels();
    if (w.readout().length != 1 + d + 2 * w.config().units() || w.readout()[0].length != d) {
      throw new IOException("ESN readout does not match " + d + " channels");
    }
    Standardisation norm =
        new Standardisation(manifest.normalisationMean(), manifest.normalisationStd());
    return new EsnForecaster(w.config(), norm, new Bounds(w.lo(), w.hi()), w.readout(), d);
  }

  @Override
  public String artifactType() {
    return "esn";
  }

  @Override
  public String weightsFile() {
    return "weights.json";
  }

  @Override
  public void writeWeights(Path dir) throws IOException {
    Path weightsFile = dir.resolve(weightsFile());
    AtomicFiles.writeJson(
        weightsFile, new ObjectMapper(), new Weights(config, bounds.lo(), bounds.hi(), readout));
  }

  public Config config() {
    return config;
  }

  @Override
  public String id() {
    return "esn-n" + config.units() + "@1";
  }

  @Override
  public int minContextLength() {
    return config.washout();
  }

  @Override
  public double[][] forecastWindow(double[][] context, int horizon) {
    int d = mean.length;
    double[][] u = new Standardisation(mean, std).apply(context);
    double[] r = new double[config.units()];
    for (double[] ut : u) update(r, ut); // synchronise the reservoir with the context
    double[] f = new double[readout.length];
    double[] current = u[u.length - 1];
    double[][] out = new double[horizon][];
    for (int h = 0; h < horizon; h++) {
      features(r, current, f);
      double[] next = new double[d];
      for (int c = 0; c < d; c++) {
        double inc = 0;
        for (int j = 0; j < f.length; j++) inc += f[j] * readout[j][c];
        next[c] = current[c] + inc;
      }
      bounds.clamp(next, current);
      double[] x = new double[d];
      for (int c = 0; c < d; c++) x[c] = next[c] * std[c] + mean[c];
      out[h] = x;
      update(r, next);
      current = next;
    }
    return out;
  }

  /** r <- (1 - a) r + a tanh(W r + W_in u + b), in place. */
  private void update(double[] r, double[] u) {
    int n = r.length;
    double a = config.leak();
    double[] pre = new double[n];
    for (int i = 0; i < n; i++) {
      double s = bias[i];
      for (int k = wRows[i]; k < wRows[i + 1]; k++) s += wValues[k] * r[wColumns[k]];
      double[] wi = wIn[i];
      for (int c = 0; c < u.length; c++) s += wi[c] * u[c];
      pre[i] = s;
    }
    for (int i = 0; i < n; i++) r[i] = (1 - a) * r[i] + a * Math.tanh(pre[i]);
  }

  private void features(double[] r, double[] u, double[] f) {
    int n = r.length;
    f[0] = 1;
    System.arraycopy(u, 0, f, 1, u.length);
    int o = 1 + u.length;
    for (int i = 0; i < n; i++) {
      f[o + i] = r[i];
      f[o + n + i] = r[i] * r[i];
    }
  }

  /**
   * |lambda_max(W)| by Gelfand's formula rho = lim ||W^k v||^(1/k) (k = 100 from a random v, each
   * step normalised), which unlike plain power iteration also holds for a complex dominant pair.
   */
  private static double spectralRadius(double[][] w, SplittableRandom rng) {
    int n = w.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = rng.nextDouble(-1, 1);
    double logGrowth = 0;
    int steps = 100;
    int burn = 20;
    double norm = Math.sqrt(dot(v, v));
    for (int i = 0; i < n; i++) v[i] /= norm;
    for (int k = 0; k < steps + burn; k++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += w[i][j] * v[j];
        next[i] = s;
      }
      double g = Math.sqrt(dot(next, next));
      if (g == 0) return 1.0;
      if (k >= burn) logGrowth += Math.log(g);
      for (int i = 0; i < n; i++) v[i] = next[i] / g;
    }
    return Math.exp(logGrowth / steps);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
