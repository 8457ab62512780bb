package io.chaoscast.models.baselines;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.ArtifactWeights;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.forecast.WindowForecaster;
import io.chaoscast.models.metrics.Standardisation;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Next-generation reservoir computing (Gauthier, Bollt, Griffith and Barbosa 2021, Nat. Commun.
 * 12:5564) fitted once on a training series.
 *
 * <p>Feature vector at time t (their eq. 5-7): O_total = c (+) O_lin (+) O_nonlin, with the
 * constant c = 1, O_lin = (z_t, z_{t-s}, ..., z_{t-(k-1)s}) (k d values) and O_nonlin the unique
 * quadratic monomials of O_lin. A ridge regression (their eq. 4) maps features to the increment
 * z_{t+1} - z_t (their eq. 3, the "one-step difference" form); forecasting iterates it. z is the
 * series standardised with the training data's per-channel mean and SD, and rollouts are clamped to
 * {@link Bounds}.
 */
public final class NvarModelForecaster implements WindowForecaster, ArtifactWeights {

  private static final long serialVersionUID = 1L;

  /** What the weights file holds. */
  record Weights(int delays, int spacing, double ridge, double[] lo, double[] hi, double[][] w) {}

  private final int delays;
  private final int spacing;
  private final double ridge;
  private final double[] mean;
  private final double[] std;
  private final Bounds bounds;
  private final double[][] w;

  private NvarModelForecaster(Weights weights, Standardisation norm) {
    this.delays = weights.delays();
    this.spacing = weights.spacing();
    this.ridge = weights.ridge();
    this.mean = norm.mean();
    this.std = norm.std();
    this.bounds = new Bounds(weights.lo().clone(), weights.hi().clone());
    this.w = weights.w();
  }

  /**
   * Fits on a time-major training series {@code x[t][c]}.
   *
   * @param delays k, delayed states in the linear part
   * @param spacing s, samples between delayed states
   * @param ridge alpha, on standardised features, per row
   * @param norm the training data's standardisation
   */
  public static NvarModelForecaster fit(
      double[][] training, int delays, int spacing, double ridge, Standardisation norm) {
    if (delays < 1 || spacing < 1 || ridge < 0) {
      throw new IllegalArgumentException("need delays >= 1, spacing >= 1, ridge >= 0");
    }
    int span = (delays - 1) * spacing;
    if (training.length < span + 2 * featureCount(delays, training[0].length)) {
      throw new IllegalArgumentException(
          "training series of " + training.length + " samples is too short for NVAR k=" + delays);
    }
    return fitUnchecked(training, delays, spacing, ridge, norm);
  }

  /**
   * {@link #fit} without its length check: the per-window {@link NvarForecaster} fits windows that
   * are short for the feature count and relies on the ridge penalty instead.
   */
  static NvarModelForecaster fitUnchecked(
      double[][] training, int delays, int spacing, double ridge, Standardisation norm) {
    double[][] z = norm.apply(training);
    int d = z[0].length;
    int span = (delays - 1) * spacing;
    // Phi^T Phi is accumulated row by row (never materialising Phi): for the job's tall, narrow
    // windows this is several times faster than a general matrix product.
    Ridge.Accumulator acc = new Ridge.Accumulator(featureCount(delays, d), d);
    double[] f = new double[featureCount(delays, d)];
    double[] y = new double[d];
    for (int t = span; t < z.length - 1; t++) {
      features(z, t, delays, spacing, f);
      for (int c = 0; c < d; c++) y[c] = z[t + 1][c] - z[t][c];
      acc.add(f, y);
    }
    Bounds b = Bounds.of(z);
    return new NvarModelForecaster(
        new Weights(delays, spacing, ridge, b.lo(), b.hi(), acc.solve(ridge)), norm);
  }

  /**
   * What a fit produced, for a caller that keeps a fitted model in its own state format: the
   * standardisation, the rollout bounds (standardised) and the readout ({@code features x d}).
   */
  public record Fitted(double[] mean, double[] std, double[] lo, double[] hi, double[][] w) {}

  public Fitted fitted() {
    return new Fitted(mean.clone(), std.clone(), bounds.lo().clone(), bounds.hi().clone(), w);
  }

  /** The model a {@link #fitted} describes; its shapes must agree with k and the channels. */
  public static NvarModelForecaster of(int delays, int spacing, double ridge, Fitted f) {
    int d = f.mean().length;
    boolean shaped =
        f.std().length == d
            && f.lo().length == d
            && f.hi().length == d
            && f.w().length == featureCount(delays, d);
    for (int i = 0; shaped && i < f.w().length; i++) shaped = f.w()[i].length == d;
    if (!shaped) throw new IllegalArgumentException("NVAR parts do not match k and the channels");
    return new NvarModelForecaster(
        new Weights(delays, spacing, ridge, f.lo(), f.hi(), f.w()),
        new Standardisation(f.mean(), f.std()));
  }

  public static NvarModelForecaster read(Path weightsFile, ModelManifest manifest)
      throws IOException {
    Weights w = new ObjectMapper().readValue(weightsFile.toFile(), Weights.class);
    Standardisation norm =
        new Standardisation(manifest.normalisationMean(), manifest.normalisationStd());
    if (w.w().length != featureCount(w.delays(), manifest.channels())) {
      throw new IOException("NVAR weights do not match " + manifest.channels() + " channels");
    }
    return new NvarModelForecaster(w, norm);
  }

  @Override
  public String artifactType() {
    return "nvar";
  }

  @Override
  public String weightsFile() {
    return "weights.json";
  }

  @Override
  public void writeWeights(Path dir) throws IOException {
    Path weightsFile = dir.resolve(weightsFile());
    AtomicFiles.writeJson(
        weightsFile,
        new ObjectMapper(),
        new Weights(delays, spacing, ridge, bounds.lo(), bounds.hi(), w));
  }

  public int delays() {
    return delays;
  }

  public int spacing() {
    return spacing;
  }

  public double ridge() {
    return ridge;
  }

  @Override
  public String id() {
    return "nvar-global-k" + delays + "-s" + spacing + "@1";
  }

  @Override
  public int minContextLength() {
    return (delays - 1) * spacing + 1;
  }

  @Override
  public double[][] forecastWindow(double[][] context, int horizon) {
    int d = w[0].length;
    if (context[0].length != d) {
      throw new IllegalArgumentException(
          "model has " + d + " channels, context " + context[0].length);
    }
    int span = (delays - 1) * spacing;
    double[][] tail = new double[span + 1][];
    System.arraycopy(context, context.length - span - 1, tail, 0, span + 1);
    double[][] history = new double[span + 1 + horizon][];
    System.arraycopy(new Standardisation(mean, std).apply(tail), 0, history, 0, span + 1);
    double[] f = new double[w.length];
    double[][] forecast = new double[horizon][];
    for (int h = 0; h < horizon; h++) {
      int t = span + h;
      features(history, t, delays, spacing, f);
      double[] next = new double[d];
      for (int c = 0; c < d; c++) {
        double inc = 0;
        for (int j = 0; j < f.length; j++) inc += f[j] * w[j][c];
        next[c] = history[t][c] + inc;
      }
      bounds.clamp(next, history[t]);
      history[t + 1] = next;
      double[] x = new double[d];
      for (int c = 0; c < d; c++) x[c] = next[c] * std[c] + mean[c];
      forecast[h] = x;
    }
    return forecast;
  }

  static int featureCount(int delays, int d) {
    int linear = delays * d;
    return 1 + linear + linear * (linear + 1) / 2;
  }

  /** Writes O_total at time t into f: constant, linear part, unique quadratic monomials. */
  static void features(double[][] z, int t, int delays, int spacing, double[] f) {
    int d = z[t].length;
    int linear = delays * d;
    f[0] = 1.0;
    for (int k = 0; k < delays; k++) System.arraycopy(z[t - k * spacing], 0, f, 1 + k * d, d);
    int j = 1 + linear;
    for (int a = 0; a < linear; a++) {
      for (int b = a; b < linear; b++) f[j++] = f[1 + a] * f[1 + b];
    }
  }
}
