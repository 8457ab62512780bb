package io.chaoscast.jobs.trainer;

import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fits the candidate models on one stream's history minus its most recent {@code holdout} samples
 * (with the offline trainer, {@link TrainCommand}: NVAR and ESN with their small grid searches,
 * selected on the last 20% of the fitted part), writes each as a model artifact, and scores each on
 * the held-out stretch ({@link HoldoutValidator}). The best by valid prediction time (ties broken
 * by sMAPE, {@link Validation#score}) is the stream's challenger.
 */
final class CandidateFitter {

  /** Model types the trainer fits: the global NVAR and the ESN. */
  static final List<String> TYPES = TrainerOptions.DEFAULT_CANDIDATES;

  private final List<String> types;
  private final int contextLength;
  private final int horizonSteps;
  private final int holdout;
  private final HoldoutValidator validator;

  CandidateFitter(List<String> types, int contextLength, int horizonSteps, int holdout) {
    this.types = List.copyOf(types);
    this.contextLength = contextLength;
    this.horizonSteps = horizonSteps;
    this.holdout = holdout;
    this.validator = new HoldoutValidator(contextLength, horizonSteps);
  }

  /**
   * One fitted candidate.
   *
   * @param dir its artifact directory
   * @param holdout its scores on the held-out stretch
   */
  record Candidate(String type, Path dir, EvaluationResult holdout) {
    double score() {
      return Validation.score(holdout);
    }
  }

  /**
   * @param candidates every candidate that could be fitted, each with its scores
   * @param best the best of them, if any
   * @param persistence persistence on the same stretch, for reference
   * @param failures why the others could not be fitted
   */
  record Outcome(
      List<Candidate> candidates,
      Optional<Candidate> best,
      EvaluationResult persistence,
      List<String> failures) {}

  /**
   * Fits every candidate under {@code workDir/<type>}.
   *
   * @param snapshot the stream's history; at least {@link #minHistory} samples
   */
  Outcome fit(String stream, StreamHistory.Snapshot snapshot, Path workDir) {
    double[][] all = snapshot.values();
    int fitEnd = all.length - holdout;
    double dt = Double.isFinite(snapshot.dtSeconds()) ? snapshot.dtSeconds() : 1.0;
    Dataset history = new Dataset("stream:" + stream, all, dt, Double.NaN);
    Dataset fitted = new Dataset("stream:" + stream, Arrays.copyOf(all, fitEnd), dt, Double.NaN);
    var options =
        TrainCommand.Options.defaults()
            .with(fitEnd, contextLength, horizonSteps, Dataset.POINTS_PER_LYAPUNOV_TIME, false);
    List<Candidate> candidates = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (String type : types) {
      Path dir = workDir.resolve(type);
      try {
        TrainCommand.train(fitted, type, dir, options);
        candidates.add(new Candidate(type, dir, validator.artifact(dir, history, fitEnd)));
      } catch (Exception | LinkageError e) {
        failures.add(type + ": " + e.getMessage());
      }
    }
    Optional<Candidate> best =
        candidates.stream()
            .filter(c -> Double.isFinite(c.score()))
            .max(Comparator.comparingDouble(Candidate::score));
    EvaluationResult persistence =
        validator.forecaster(new PersistenceForecaster(), history, fitEnd);
    return new Outcome(candidates, best, persistence, failures);
  }

  /** The fewest samples a fit needs: the offline trainer's context check plus the held-out part. */
  static int minHistory(int contextLength, int holdout) {
    // TrainCommand selects on the last 20% of what it fits: the first 80% must hold a context.
    return (int) Math.ceil(contextLength / 0.8) + 2 + holdout;
  }
}
