package io.chaoscast.models.mamba.f32;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.baselines.NvarModelForecaster;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The base of an NVAR-residual Mamba: a global NVAR ({@link NvarModelForecaster}) fitted in the
 * Mamba's standardised space, and the per-value scale r of its P-step error. The network decodes
 * each patch as the residual (z - NVAR) / r of the next P samples, so a forecast patch is the
 * NVAR's P-step run from the samples before it plus r times the decoded values: the network learns
 * what the NVAR misses rather than the whole flow (docs/forecasting.md, "NVAR residual"). Every
 * engine applies it the same way, after each decoded patch and before the patch is fed back.
 *
 * <p>Stored as {@value #FILE} beside the weights; the portable index names it, so an engine that
 * reads the weights cannot miss it.
 */
public final class NvarResidual implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The file beside the weights. */
  public static final String FILE = "nvar-residual.json";

  /**
   * What {@value #FILE} holds.
   *
   * @param delays the NVAR's k
   * @param spacing its s
   * @param ridge its ridge alpha (for the record)
   * @param lo lower rollout bounds, standardised
   * @param hi upper rollout bounds, standardised
   * @param w readout, features x channels
   * @param scale r, patch x channels values in the patch's order (sample, channel)
   */
  public record Stored(
      int delays, int spacing, double ridge, double[] lo, double[] hi, double[][] w, double[] scale)
      implements Serializable {}

  private final Stored stored;
  private final NvarModelForecaster base;
  private final int channels;

  /**
   * @param base an NVAR whose own standardisation is the identity (it reads and writes the Mamba's
   *     standardised samples)
   * @param scale r per patch value, all positive and finite
   */
  public static NvarResidual of(NvarModelForecaster base, double[] scale) {
    NvarModelForecaster.Fitted f = base.fitted();
    return new NvarResidual(
        new Stored(
            base.delays(), base.spacing(), base.ridge(), f.lo(), f.hi(), f.w(), scale.clone()));
  }

  private NvarResidual(Stored s) {
    if (s.delays() < 1 || s.spacing() < 1) {
      throw new IllegalArgumentException("NVAR residual needs k >= 1 and s >= 1");
    }
    channels = s.lo().length;
    if (s.scale().length == 0 || s.scale().length % channels != 0) {
      throw new IllegalArgumentException(
          "NVAR residual scale has " + s.scale().length + " values for " + channels + " channels");
    }
    for (double r : s.scale()) {
      if (!(r > 0) || !Double.isFinite(r)) {
        throw new IllegalArgumentException("NVAR residual scale must be positive and finite");
      }
    }
    double[] zeros = new double[channels];
    double[] ones = new double[channels];
    Arrays.fill(ones, 1.0);
    base =
        NvarModelForecaster.of(
            s.delays(),
            s.spacing(),
            s.ridge(),
            new NvarModelForecaster.Fitted(zeros, ones, s.lo(), s.hi(), s.w()));
    stored = s;
  }

  /** Samples per patch that the scale covers. */
  public int patch() {
    return stored.scale().length / channels;
  }

  public int channels() {
    return channels;
  }

  /** Samples of history the NVAR reads: (k - 1) s + 1. */
  public int lookback() {
    return base.minContextLength();
  }

  public double scale(int i) {
    return stored.scale()[i];
  }

  /** k, s and alpha, e.g. "k=2 s=1 alpha=1e-07", for logs and manifests. */
  public String describe() {
    return "k=" + stored.delays() + " s=" + stored.spacing() + " alpha=" + stored.ridge();
  }

  /**
   * The NVAR's P-step run from the standardised samples {@code window} (the last is the origin).
   */
  public double[][] base(double[][] window) {
    return base.forecastWindow(window, patch());
  }

  /**
   * Forecast samples from a decoded patch: the NVAR's run from {@code window} plus r times the
   * decoded values {@code decoded[off .. off + P d)}.
   */
  public double[][] apply(double[][] window, float[] decoded, int off) {
    double[][] z = base(window);
    for (int q = 0; q < z.length; q++) {
      for (int c = 0; c < channels; c++) {
        int i = q * channels + c;
        z[q][c] += stored.scale()[i] * decoded[off + i];
      }
    }
    return z;
  }

  /**
   * The same on a flat history {@code [t][channels]}: the P samples after {@code end} hold the
   * decoded patch and are replaced, in place, by the forecast samples.
   */
  public void applyInPlace(float[] history, int end) {
    double[][] window = new double[lookback()][channels];
    int first = end - lookback() + 1;
    for (int t = 0; t < window.length; t++) {
      for (int c = 0; c < channels; c++) window[t][c] = history[(first + t) * channels + c];
    }
    double[][] z = apply(window, history, (end + 1) * channels);
    for (int q = 0; q < z.length; q++) {
      for (int c = 0; c < channels; c++) history[(end + 1 + q) * channels + c] = (float) z[q][c];
    }
  }

  /**
   * The training target for the patch after sample {@code end} of a standardised series: the target
   * patch already written at {@code target[off ..]} (P d values, {@code PatchTokens#target}'s
   * order) becomes (z - NVAR) / r, the NVAR run from the samples up to {@code end}.
   */
  public void toResidual(double[][] series, int end, float[] target, int off) {
    double[][] z = base(Arrays.copyOfRange(series, end - lookback() + 1, end + 1));
    for (int q = 0; q < z.length; q++) {
      for (int c = 0; c < channels; c++) {
        int i = q * channels + c;
        target[off + i] = (float) ((target[off + i] - z[q][c]) / stored.scale()[i]);
      }
    }
  }

  public void write(Path dir) throws IOException {
    AtomicFiles.writeJson(dir.resolve(FILE), new ObjectMapper(), stored);
  }

  /**
   * Reads {@value #FILE} in {@code dir}.
   *
   * @throws IOException when it is missing or does not describe an NVAR of {@code channels}
   *     channels and a patch of {@code patch} samples
   */
  public static NvarResidual read(Path dir, int channels, int patch) throws IOException {
    Path file = dir.resolve(FILE);
    NvarResidual r;
    try {
      r = new NvarResidual(new ObjectMapper().readValue(file.toFile(), Stored.class));
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    if (r.channels() != channels || r.patch() != patch) {
      throw new IOException(
          file
              + " describes "
              + r.channels()
              + " channels and patch "
              + r.patch()
              + "; the model has "
              + channels
              + " and "
              + patch);
    }
    return r;
  }
}
