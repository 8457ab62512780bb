package io.chaoscast.models.mamba;

import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.mamba.f32.NvarResidual;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.BaselineTrainer;
import io.chaoscast.models.training.Dataset;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides whether a Mamba learns the residual of a global NVAR ({@link NvarResidual}) and fits that
 * NVAR. The NVAR is the bench's (its grid, chosen by validation score, {@link
 * BaselineTrainer#selectNvar}), fitted on the fitting segment only, so it shares the Mamba's
 * standardisation. It becomes the base when it reaches far on its own: its mean VPT from {@value
 * #LOOK_ORIGINS} origins over the fitting segment, {@value #LOOK_LYAPUNOV_TIMES} Lyapunov times
 * ahead, is at least {@value #MIN_REACH} LT. The validation segment cannot tell (its 3.33-LT cap is
 * reached by the NVAR of Chua, where the base is wrong); a long look on the fitting segment can,
 * and an NVAR of a few hundred weights barely overfits it.
 *
 * <p>Why 2 LT: on fresh trajectories of the 15 systems (docs/bench/nvar-residual/fresh/) the hybrid
 * beat the plain Mamba on every system where this look gives 2.33 LT or more (Hadley the lowest)
 * and lost on every one where it gives 1.39 or less (Chua the highest; Rossler, Thomas, Arneodo,
 * Dadras and MooreSpiegel below 0.6): docs/bench/nvar-residual/reach.txt. The test series played no
 * part.
 */
final class NvarResidualChoice {

  /** The long look's reach, in Lyapunov times, that makes the NVAR a base. */
  static final double MIN_REACH = 2.0;

  static final double LOOK_LYAPUNOV_TIMES = 10;

  static final int LOOK_ORIGINS = 40;

  /**
   * The decision.
   *
   * @param residual the base, or null for a plain Mamba
   * @param reason what decided it, for the manifest and the log
   */
  record Choice(NvarResidual residual, String reason) {}

  private NvarResidualChoice() {}

  /**
   * @param data the one series trained on
   * @param trainEnd end of its fitting segment
   * @param patch P, samples per decoded patch
   */
  static Choice choose(Dataset data, int trainEnd, int context, int horizon, int patch) {
    double lyapunov = data.lyapunovExponent();
    if (!(lyapunov > 0) || !Double.isFinite(lyapunov)) {
      return new Choice(null, "no Lyapunov exponent to measure the NVAR's reach");
    }
    int look = (int) Math.round(LOOK_LYAPUNOV_TIMES / (lyapunov * data.dt()));
    look = Math.min(look, trainEnd - context - LOOK_ORIGINS);
    if (look * lyapunov * data.dt() < 2 * MIN_REACH) {
      return new Choice(null, "fitting segment too short to measure the NVAR's reach");
    }
    NvarModelForecaster nvar = BaselineTrainer.selectNvar(data, trainEnd, context, horizon).fit();
    double[][] fit = data.slice(0, trainEnd).values();
    Standardisation norm = Standardisation.fit(data.values()); // the Mamba's, for one series
    EvaluationResult reach =
        ForecastEvaluation.evaluate(
            nvar, fit, norm, context, look, LOOK_ORIGINS, data.dt(), lyapunov);
    String nvarName = nvar.id() + String.format(Locale.ROOT, " (alpha %g)", nvar.ridge());
    String measured =
        String.format(
            Locale.ROOT,
            "%s reaches %.2f LT over %d fitting-segment origins (needs %.1f)",
            nvarName,
            reach.vptLyapunov(),
            LOOK_ORIGINS,
            MIN_REACH);
    if (!(reach.vptLyapunov() >= MIN_REACH)) return new Choice(null, measured);
    return new Choice(NvarResidual.of(nvar, errorScale(nvar, norm.apply(fit), patch)), measured);
  }

  /**
   * r: the RMS over the fitting segment of the NVAR's P-step error, per patch value (sample,
   * channel), floored at 1e-6. Dividing by it gives the network targets of unit size at each lead.
   */
  static double[] errorScale(NvarModelForecaster nvar, double[][] z, int patch) {
    int d = z[0].length;
    double[] ones = new double[patch * d];
    Arrays.fill(ones, 1);
    NvarResidual unscaled = NvarResidual.of(nvar, ones);
    int lookback = unscaled.lookback();
    double[] sum = new double[patch * d];
    int n = 0;
    for (int t = lookback - 1; t + patch < z.length; t++) {
      double[][] base = unscaled.base(Arrays.copyOfRange(z, t - lookback + 1, t + 1));
      for (int q = 0; q < patch; q++) {
        for (int c = 0; c < d; c++) sum[q * d + c] += Math.pow(z[t + 1 + q][c] - base[q][c], 2);
      }
      n++;
    }
    for (int i = 0; i < sum.length; i++) sum[i] = Math.max(1e-6, Math.sqrt(sum[i] / n));
    return sum;
  }
}
