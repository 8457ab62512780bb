package io.chaoscast.models.ensemble;

import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validation scores (never the test series) of a bench run's single models and of their seed
 * ensembles: for each system, the three seeds' models of one kind alone, every pair, and all three,
 * on the validation tail of the bench's training series. Args: BENCH_OUT MODEL SYSTEM...
 */
public final class SeedEnsembleValidationStudy {

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]).resolve("models");
    String kind = args[1];
    long[] seeds = {42, 43, 44};
    System.out.println(
        "system: validation VPT (LT) / sMAPE over the validation horizon, of seeds 42, 43, 44 alone;"
            + " the pairs 42+43, 42+44, 43+44; all three");
    for (int i = 2; i < args.length; i++) {
      String system = args[i];
      Dataset train = Dataset.simulate(system, BenchCommand.TRAIN_POINTS);
      List<LoadedModel> loaded = new ArrayList<>();
      try {
        for (long seed : seeds) {
          loaded.add(
              ModelArtifacts.load(
                  models.resolve(system + "__" + kind + "__seed" + seed), train.channels()));
        }
        ModelManifest m = loaded.get(0).manifest();
        Standardisation norm = new Standardisation(m.normalisationMean(), m.normalisationStd());
        List<Forecaster> f = loaded.stream().map(LoadedModel::forecaster).toList();
        List<Forecaster> candidates = new ArrayList<>(f);
        candidates.add(new EnsembleForecaster(List.of(f.get(0), f.get(1))));
        candidates.add(new EnsembleForecaster(List.of(f.get(0), f.get(2))));
        candidates.add(new EnsembleForecaster(List.of(f.get(1), f.get(2))));
        candidates.add(new EnsembleForecaster(f));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-13s", system));
        for (Forecaster c : candidates) {
          int trainEnd =
              (int)
                  Math.round(
                      train.size() * (1 - TrainCommand.Options.defaults().validationFraction()));
          EvaluationResult r =
              Validation.evaluate(c, train, trainEnd, norm, m.contextLength(), m.horizon());
          line.append(
              String.format(Locale.ROOT, " %5.2f/%5.2f", r.vptLyapunov(), r.smapeHorizon()));
        }
        System.out.println(line);
      } finally {
        loaded.forEach(LoadedModel::close);
      }
    }
  }
}
