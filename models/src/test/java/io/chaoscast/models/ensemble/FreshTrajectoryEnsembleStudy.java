package io.chaoscast.models.ensemble;

import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Smape;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.SelectionTrajectories;
import io.chaoscast.models.training.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Does a 10-LT look at another trajectory rank seed ensembles the way the 3.33-LT validation tail
 * does? For each group of three single models (an ensemble's members 0, 1, 2), scores member 0
 * alone, members 0+1 and all three on (a) the bench's validation tail and (b) a fresh trajectory of
 * the same system: the catalogue's initial condition + 0.01 x (1, 2, ..), after three times the
 * catalogue's transient, 2,150 samples at 30 per Lyapunov time, 40 origins, the models' context,
 * the bench's horizon of 300 steps (10 LT). Never the bench's test series. Args: SYSTEM DIR0 DIR1
 * DIR2 [DIR0 DIR1 DIR2 ...].
 */
public final class FreshTrajectoryEnsembleStudy {

  private static final int FRESH_ORIGINS = SelectionTrajectories.ORIGINS;
  private static final String[] CANDIDATES = {"member 0", "members 0+1", "members 0+1+2"};

  public static void main(String[] args) throws Exception {
    String system = args[0];
    Dataset train = Dataset.simulate(system, BenchCommand.TRAIN_POINTS);
    int trainEnd =
        (int) Math.round(train.size() * (1 - TrainCommand.Options.defaults().validationFraction()));
    // the first selection trajectory: initial condition + 0.01 x (1, 2, 3), three transients
    Dataset fresh = SelectionTrajectories.of(system).get(0);
    for (int g = 1; g + 2 < args.length; g += 3) {
      List<LoadedModel> members = new ArrayList<>();
      try {
        for (int k = 0; k < 3; k++) {
          members.add(ModelArtifacts.load(Path.of(args[g + k]), train.channels()));
        }
        ModelManifest m = members.get(0).manifest();
        Standardisation norm = new Standardisation(m.normalisationMean(), m.normalisationStd());
        List<Forecaster> f = members.stream().map(LoadedModel::forecaster).toList();
        for (int size = 1; size <= 3; size++) {
          Forecaster c = EnsembleForecaster.meanOf(f.subList(0, size));
          EvaluationResult v =
              Validation.evaluate(c, train, trainEnd, norm, m.contextLength(), m.horizon());
          ForecastEvaluation.Outcome o =
              ForecastEvaluation.run(
                  c,
                  fresh.values(),
                  norm,
                  m.contextLength(),
                  BenchCommand.HORIZON,
                  FRESH_ORIGINS,
                  fresh.dt(),
                  fresh.lyapunovExponent());
          EvaluationResult r = o.result();
          System.out.printf(
              Locale.ROOT,
              "%s %-14s validation VPT %.3f sMAPE %.2f | fresh VPT %.3f (median %.2f) sMAPE %.2f"
                  + " | fresh per origin %s%n",
              Path.of(args[g]).getFileName(),
              CANDIDATES[size - 1],
              v.vptLyapunov(),
              v.smapeHorizon(),
              r.vptLyapunov(),
              r.vptLyapunovMedian(),
              r.smapeHorizon(),
              perOrigin(r.vptLyapunovPerOrigin()));
          printEarlyLosses(o);
        }
      } finally {
        members.forEach(LoadedModel::close);
      }
    }
  }

  /**
   * For each origin lost within its first two steps: the channel and step with the largest sMAPE,
   * true against forecast (the outcome's values are standardised).
   */
  private static void printEarlyLosses(ForecastEvaluation.Outcome o) {
    double[] vpt = o.result().vptLyapunovPerOrigin();
    for (int i = 0; i < vpt.length; i++) {
      if (vpt[i] >= 0.1) {
        continue;
      }
      double[][] truth = o.actuals()[i];
      double[][] forecast = o.forecasts()[i];
      double worst = -1;
      String where = "";
      for (int t = 0; t < 2; t++) {
        for (int ch = 0; ch < truth[t].length; ch++) {
          double y = truth[t][ch];
          double f = forecast[t][ch];
          double smape = Smape.perStep(new double[][] {{f}}, new double[][] {{y}})[0];
          if (smape > worst) {
            worst = smape;
            where =
                String.format(
                    Locale.ROOT,
                    "step %d channel %d: true %.4f, forecast %.4f, sMAPE %.0f",
                    t + 1,
                    ch,
                    y,
                    f,
                    smape);
          }
        }
      }
      System.out.printf(Locale.ROOT, "    origin %d lost early: %s%n", i, where);
    }
  }

  private static String perOrigin(double[] vpt) {
    StringBuilder s = new StringBuilder();
    for (double v : vpt) {
      s.append(String.format(Locale.ROOT, "%.1f ", v));
    }
    return s.toString().trim();
  }
}
