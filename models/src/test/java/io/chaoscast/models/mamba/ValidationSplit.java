package io.chaoscast.models.mamba;

import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.Validation;
import java.util.Locale;

/**
 * What the Mamba studies train and score on: a system's bench training series (its first {@link
 * BenchCommand#TRAIN_POINTS} samples at 30 per Lyapunov time; the test series is never simulated),
 * fitted on its first 80 % and validated on the rest as {@code train} does (10 origins, context
 * 150, horizon 100 = 3.33 LT), sMAPE on the series standardised with its own statistics.
 */
record ValidationSplit(Dataset train, int trainEnd, int context, Standardisation scoring) {

  static ValidationSplit of(String system) {
    Dataset train = Dataset.simulate(system, BenchCommand.TRAIN_POINTS);
    return new ValidationSplit(
        train, (int) Math.round(train.size() * 0.8), 150, Standardisation.fit(train.values()));
  }

  /** The validation horizon requested; {@link Validation} caps it to what the tail holds. */
  static final int HORIZON = 300;

  /**
   * Prints one line: validation VPT (mean and median over origins), sMAPE and the selection score.
   */
  void report(String label, Forecaster m) {
    EvaluationResult v = Validation.evaluate(m, train, trainEnd, scoring, context, HORIZON);
    System.out.printf(
        Locale.ROOT,
        "%-34s val VPT %.3f LT  median %.3f  smape %.2f  score %.4f%n",
        label,
        v.vptLyapunov(),
        v.vptLyapunovMedian(),
        v.smapeHorizon(),
        Validation.score(v));
  }
}
