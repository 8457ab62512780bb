package io.chaoscast.models.training;

import io.chaoscast.models.baselines.EsnForecaster;
import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits the baselines with a small grid search: each candidate is fitted on the fitting segment and
 * scored on the validation segment ({@link Validation}); the best is refitted on the whole training
 * series (fitting + validation). Everything is deterministic for a given seed.
 */
public final class BaselineTrainer {

  private BaselineTrainer() {}

  /** NVAR: k in {2, 3}, s in {1, 2}, alpha in {1e-7, 1e-5, 1e-3}; refitted on the whole series. */
  public static TrainedModel nvar(Dataset data, int trainEnd, int context, int horizon) {
    NvarSelection chosen = selectNvar(data, trainEnd, context, horizon);
    NvarModelForecaster best = chosen.fit();
    Standardisation norm = Standardisation.fit(data.values());
    NvarModelForecaster f =
        NvarModelForecaster.fit(data.values(), best.delays(), best.spacing(), best.ridge(), norm);
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("delays", best.delays());
    hp.put("spacing", best.spacing());
    hp.put("ridge", best.ridge());
    return new TrainedModel(f, f, norm, hp, chosen.validation());
  }

  /** The NVAR of {@link #nvar}'s grid with the best validation score, fitted on [0, trainEnd). */
  public record NvarSelection(NvarModelForecaster fit, EvaluationResult validation) {}

  /**
   * {@link #nvar}'s grid, each fitted on the fitting segment with the whole series' standardisation
   * and scored on the validation segment; the best, not refitted.
   */
  public static NvarSelection selectNvar(Dataset data, int trainEnd, int context, int horizon) {
    Standardisation norm = Standardisation.fit(data.values());
    double[][] fitPart = data.slice(0, trainEnd).values();
    double best = Double.NEGATIVE_INFINITY;
    NvarSelection chosen = null;
    for (int k : new int[] {2, 3}) {
      for (int s : new int[] {1, 2}) {
        for (double ridge : new double[] {1e-7, 1e-5, 1e-3}) {
          NvarModelForecaster f = NvarModelForecaster.fit(fitPart, k, s, ridge, norm);
          EvaluationResult r = Validation.evaluate(f, data, trainEnd, norm, context, horizon);
          if (Validation.score(r) > best) {
            best = Validation.score(r);
            chosen = new NvarSelection(f, r);
          }
        }
      }
    }
    return chosen;
  }

  /**
   * ESN: rho in {0.5, 0.9}, alpha in {1e-6, 1e-4}, with the other defaults of {@link
   * EsnForecaster.Config}.
   */
  public static TrainedModel esn(Dataset data, int trainEnd, int context, int horizon, long seed) {
    Standardisation norm = Standardisation.fit(data.values());
    double[][] fitPart = data.slice(0, trainEnd).values();
    double best = Double.NEGATIVE_INFINITY;
    EsnForecaster.Config bestConfig = null;
    EvaluationResult bestResult = null;
    EsnForecaster.Config base = EsnForecaster.Config.defaults(seed);
    int washout = Math.min(base.washout(), context);
    for (double rho : new double[] {0.5, 0.9}) {
      for (double ridge : new double[] {1e-6, 1e-4}) {
        EsnForecaster.Config c =
            new EsnForecaster.Config(
                base.units(),
                rho,
                base.inputScaling(),
                base.leak(),
                ridge,
                base.density(),
                washout,
                seed);
        EsnForecaster f = EsnForecaster.fit(fitPart, c, norm);
        EvaluationResult r = Validation.evaluate(f, data, trainEnd, norm, context, horizon);
        if (Validation.score(r) > best) {
          best = Validation.score(r);
          bestConfig = c;
          bestResult = r;
        }
      }
    }
    EsnForecaster f = EsnForecaster.fit(data.values(), bestConfig, norm);
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("units", bestConfig.units());
    hp.put("spectral_radius", bestConfig.spectralRadius());
    hp.put("input_scaling", bestConfig.inputScaling());
    hp.put("leak", bestConfig.leak());
    hp.put("ridge", bestConfig.ridge());
    hp.put("washout", bestConfig.washout());
    hp.put("seed", seed);
    return new TrainedModel(f, f, norm, hp, bestResult);
  }

  /** Persistence needs no fit; scored the same way for comparison. */
  public static EvaluationResult persistence(
      Forecaster persistence, Dataset data, int trainEnd, int context, int horizon) {
    return Validation.evaluate(
        persistence, data, trainEnd, Standardisation.fit(data.values()), context, horizon);
  }
}
