package io.chaoscast.models.cli;

import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.ensemble.EnsembleSizeChoice;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.EmbeddingProbe;
import io.chaoscast.models.mamba.MambaTrainer;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.SelectionTrajectories;
import io.chaoscast.models.training.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A mamba, phyxmamba or esn bench unit whose ensemble size is chosen ({@code bench --ensemble-up-to
 * N}; the ESN too, so that the baseline the neural models are compared with gets the same data and
 * the same choice): member 0 is the model a single unit trains; where its validation VPT reaches
 * the tail's cap (every validation origin valid to the tail's horizon, so the tail cannot tell
 * better models apart), members 1 to N-1 train too, side by side, taking member 0's embedding
 * decision instead of probing again ({@link EmbeddingProbe#shareDecision}), and {@link
 * EnsembleSizeChoice} keeps members 0..k-1 by their VPT on the system's {@link
 * SelectionTrajectories}. Below the cap the single model stays: on the systems whose models diverge
 * inside the tail, extra members did not help on a fresh trajectory (docs/forecasting.md, "Rossler
 * on a fresh trajectory"), and they would triple the training time.
 *
 * <p>Layout: {@code DIR/members/k/} is member k's complete artifact, {@code DIR/manifest.json} the
 * ensemble of all N when they trained. Resumable as any training.
 */
final class ChosenEnsembleTraining {

  /**
   * The chosen members.
   *
   * @param memberDirs members 0..k-1
   * @param choice the scores and the choice; null when member 0 stayed alone below the cap
   * @param validationVptLyapunov the kept model's validation VPT (on the training series' tail)
   * @param trainSeconds member 0's training seconds plus the longest of the further members' (they
   *     train side by side, one per core: {@link #MOST_MEMBERS}), plus the mamba unit's seconds
   *     when a phyxmamba unit started from its stage 1. Each member's seconds are its own
   *     manifest's, so the figure is the same for a unit resumed from finished members
   */
  record Result(
      List<Path> memberDirs,
      EnsembleSizeChoice choice,
      double trainSeconds,
      double validationVptLyapunov) {}

  /** The models whose units choose their ensemble size: the neural ones and the ESN baseline. */
  static final Set<String> CHOSEN_MODELS = Set.of("mamba", "phyxmamba", "esn");

  private ChosenEnsembleTraining() {}

  /**
   * @param mambaDir the finished mamba unit of the same system and seed, whose members' stage 1 a
   *     phyxmamba unit starts from ({@link MambaTrainer#reuseStageOne}); null for mamba units and
   *     when that unit has not run
   * @param mambaSeconds that unit's training seconds, counted towards this one's when its stage 1
   *     is reused (recorded in {@link BenchCommand#REUSED}, so that a resumed unit still counts
   *     them)
   */
  static Result train(
      Dataset train,
      String system,
      String model,
      Path dir,
      Path mambaDir,
      double mambaSeconds,
      TrainCommand.Options options,
      int upTo,
      PrintStream progress)
      throws IOException {
    TrainCommand.Options single = options.withEnsemble(1);
    Path first = EnsembleTraining.memberDir(dir, 0);
    double seconds = stageOneSeconds(mambaDir, mambaSeconds, dir);
    ModelManifest m0 =
        Files.isRegularFile(first.resolve(ModelArtifacts.MANIFEST))
            ? ModelArtifacts.readManifest(first)
            : TrainCommand.train(train, model, first, single).manifest();
    seconds += m0.training().trainSeconds();
    double validationVpt = m0.validationMetrics().get("vpt_lyapunov");
    double cap =
        Validation.horizon(train.size() - TrainCommand.trainEnd(train, single), options.horizon())
            * train.lyapunovExponent()
            * train.dt();
    if (upTo < 2 || !(validationVpt >= cap - 1e-9)) {
      progress.printf(
          Locale.ROOT,
          "[ensemble size] %s %s: member 0's validation VPT %.4f is below the tail's cap %.4f:"
              + " one model%n",
          system,
          model,
          validationVpt,
          cap);
      return new Result(List.of(first), null, seconds, validationVpt);
    }
    for (int k = 1; k < upTo; k++) {
      TrainCommand.Options member = EnsembleTraining.memberOptions(single, k);
      EmbeddingProbe.shareDecision(
          first.resolve(CHECKPOINTS),
          EnsembleTraining.memberDir(dir, k).resolve(CHECKPOINTS),
          single.seed(),
          member.seed());
      reuseStageOne(mambaDir, dir, k);
    }
    EnsembleTraining.train(List.of(train), model, dir, single.withEnsemble(upTo));
    double further = 0;
    for (int k = 1; k < upTo; k++) {
      further =
          Math.max(
              further,
              ModelArtifacts.readManifest(EnsembleTraining.memberDir(dir, k))
                  .training()
                  .trainSeconds());
    }
    seconds += further;
    List<LoadedModel> members = new ArrayList<>();
    try {
      for (int k = 0; k < upTo; k++) {
        members.add(ModelArtifacts.load(EnsembleTraining.memberDir(dir, k), train.channels()));
      }
      ModelManifest m = members.get(0).manifest();
      Standardisation norm = new Standardisation(m.normalisationMean(), m.normalisationStd());
      List<Forecaster> forecasters = members.stream().map(LoadedModel::forecaster).toList();
      EnsembleSizeChoice choice =
          EnsembleSizeChoice.choose(
              forecasters,
              norm,
              options.contextLength(),
              BenchCommand.HORIZON,
              SelectionTrajectories.of(system),
              SelectionTrajectories.ORIGINS);
      progress.printf(
          Locale.ROOT,
          "[ensemble size] %s %s: selection VPT of 1..%d members %s: %d%n",
          system,
          model,
          upTo,
          choice.selectionVptLyapunov(),
          choice.members());
      double keptValidationVpt =
          Validation.evaluate(
                  EnsembleForecaster.meanOf(forecasters.subList(0, choice.members())),
                  train,
                  TrainCommand.trainEnd(train, single),
                  norm,
                  m.contextLength(),
                  options.horizon())
              .vptLyapunov();
      List<Path> kept = new ArrayList<>();
      for (int k = 0; k < choice.members(); k++) kept.add(EnsembleTraining.memberDir(dir, k));
      return new Result(kept, choice, seconds, keptValidationVpt);
    } finally {
      members.forEach(LoadedModel::close);
    }
  }

  private static final String CHECKPOINTS = "checkpoints";

  /**
   * The further members (1 to N-1) train at once, one per core, so their wall time is the longest
   * one's; the bench's machine has two cores, hence at most three members in all.
   */
  static final int MOST_MEMBERS = 3;

  /**
   * Member 0's stage 1 from the mamba unit's; the seconds that counts: the mamba unit's when member
   * 0's stage 1 is that unit's (copied now or earlier), else 0.
   */
  private static double stageOneSeconds(Path mambaDir, double mambaSeconds, Path dir)
      throws IOException {
    Path marker = dir.resolve(BenchCommand.REUSED);
    if (Files.isRegularFile(marker)) return Double.parseDouble(Files.readString(marker).trim());
    if (mambaDir == null) return 0;
    reuseStageOne(mambaDir, dir, 0);
    Path from = stageOneState(EnsembleTraining.memberDir(mambaDir, 0));
    Path to = stageOneState(EnsembleTraining.memberDir(dir, 0));
    if (!Files.isRegularFile(from) || !Files.isRegularFile(to) || Files.mismatch(from, to) != -1) {
      return 0;
    }
    AtomicFiles.writeString(marker, Double.toString(mambaSeconds));
    return mambaSeconds;
  }

  private static Path stageOneState(Path member) {
    return member.resolve(CHECKPOINTS).resolve("stage1.json");
  }

  private static boolean reuseStageOne(Path mambaDir, Path dir, int k) throws IOException {
    return mambaDir != null
        && MambaTrainer.reuseStageOne(
            EnsembleTraining.memberDir(mambaDir, k).resolve(CHECKPOINTS),
            EnsembleTraining.memberDir(dir, k).resolve(CHECKPOINTS));
  }
}
