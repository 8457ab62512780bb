package io.chaoscast.models.ensemble;

import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * How many of an ensemble's members to serve (members 0..k-1, nested, so the choice costs
 * evaluation only): the k whose mean forecast reaches furthest on selection data that looks a whole
 * horizon ahead ({@link io.chaoscast.models.training.SelectionTrajectories}), never the test
 * series.
 *
 * <p>The rule, written before it was run on the benchmark (docs/forecasting.md, "Ensemble size in
 * the full suite"): start from one member; a larger ensemble replaces the current choice only if
 * its mean VPT is more than {@link #MARGIN} Lyapunov times higher. Its score is the mean VPT over
 * every origin of every selection trajectory (Gilpin's VPT, as the benchmark's).
 *
 * @param members the chosen k
 * @param selectionVptLyapunov the score of members 0..k-1 for k = 1, 2, ..., in Lyapunov times
 */
public record EnsembleSizeChoice(int members, List<Double> selectionVptLyapunov) {

  /**
   * A larger ensemble costs serving time (one forward pass per member), so it must win by more than
   * the noise of the score: 0.05 LT is a step and a half per origin on average, above the 0.03 LT
   * by which the lottery origins moved a candidate's score on 80 origins ({@link
   * io.chaoscast.models.training.SelectionTrajectories}).
   */
  public static final double MARGIN = 0.05;

  public EnsembleSizeChoice {
    selectionVptLyapunov = List.copyOf(selectionVptLyapunov);
  }

  /** The rule applied to the scores of 1, 2, ... members. */
  public static EnsembleSizeChoice choose(List<Double> scores) {
    if (scores.isEmpty()) throw new IllegalArgumentException("no candidate scored");
    int best = 0;
    for (int k = 1; k < scores.size(); k++) {
      if (scores.get(k) > scores.get(best) + MARGIN) best = k;
    }
    return new EnsembleSizeChoice(best + 1, scores);
  }

  /**
   * Scores members 0..k-1 for every k on {@code trajectories} (standardised with the members'
   * training statistics, {@code origins} origins each, the benchmark's horizon) and applies the
   * rule.
   */
  public static EnsembleSizeChoice choose(
      List<? extends Forecaster> members,
      Standardisation norm,
      int contextLength,
      int horizon,
      List<Dataset> trajectories,
      int origins) {
    List<Double> scores = new ArrayList<>();
    for (int k = 1; k <= members.size(); k++) {
      Forecaster candidate = EnsembleForecaster.meanOf(members.subList(0, k));
      double sum = 0;
      for (Dataset t : trajectories) {
        sum +=
            ForecastEvaluation.run(
                    candidate,
                    t.values(),
                    norm,
                    contextLength,
                    horizon,
                    origins,
                    t.dt(),
                    t.lyapunovExponent())
                .result()
                .vptLyapunov();
      }
      scores.add(sum / trajectories.size());
    }
    return choose(scores);
  }
}
