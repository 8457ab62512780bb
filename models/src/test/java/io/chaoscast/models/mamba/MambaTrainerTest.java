package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.cli.EvalCommand;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.cli.TrainResult;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class MambaTrainerTest {

  @Test
  void shortTrainingShouldReduceTheNextPatchLossAndCheckpointTheBestEpoch(@TempDir Path dir)
      throws Exception {
    Dataset data = Dataset.simulate("lorenz63", 1000);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    MambaTrainer.Options o =
        new MambaTrainer.Options(5, 16, 1, 8, 16, 15, 3, 3, 3e-3f, 11)
            .withRecipe(new MambaTrainer.Recipe(true, 3, true, 0.01));
    TrainedModel t =
        MambaTrainer.train(
            data, 800, 150, 300, o, dir, new PrintStream(log, true, StandardCharsets.UTF_8));
    ((MambaForecaster) t.forecaster()).close();
    String text = log.toString(StandardCharsets.UTF_8);
    System.err.print(text);
    Matcher m = Pattern.compile("loss ([0-9.]+)").matcher(text);
    List<Double> losses = m.results().map(r -> Double.parseDouble(r.group(1))).toList();
    assertThat(losses).hasSize(3);
    assertThat(losses.get(2)).isLessThan(losses.get(0));
    assertThat(text).contains("ETA");
    assertThat(dir.resolve("best.params")).exists();
    assertThat(t.validation()).isNotNull();
    assertThat(t.hyperparameters())
        .containsEntry("residual_output", true)
        .containsEntry("prediction_heads", 3);
  }

  @Test
  void inputNoiseShouldPerturbOnlyTheContextWithTheGivenSdAndLeaveTheWindowAlone() {
    double[][] z = new double[400][3];
    double[][] noisy = MambaTrainer.noisy(z, 299, 0.1, new java.util.SplittableRandom(3));
    double sumSq = 0;
    for (int t = 0; t < 300; t++) for (double v : noisy[t]) sumSq += v * v;
    assertThat(Math.sqrt(sumSq / 900)).isCloseTo(0.1, within(0.01));
    for (int t = 300; t < 400; t++) assertThat(noisy[t]).containsOnly(0.0); // targets stay clean
    for (double[] row : z) assertThat(row).containsOnly(0.0);
  }

  @Test
  void cosineDecayShouldFallFromTheStepSizeToATwentiethAndContinueAcrossAResume() {
    ai.djl.training.tracker.Tracker fresh = MambaTrainer.cosineDecay(2e-3f, 100, 0);
    assertThat(fresh.getNewValue(1)).isEqualTo(2e-3f);
    assertThat(fresh.getNewValue(51)).isCloseTo(0.5f * (2e-3f + 1e-4f), within(1e-9f));
    assertThat(fresh.getNewValue(101)).isCloseTo(1e-4f, within(1e-9f));
    assertThat(fresh.getNewValue(500)).isCloseTo(1e-4f, within(1e-9f));
    // resumed after 40 steps, Adam counts from 1 again: its 11th update is the 51st overall
    ai.djl.training.tracker.Tracker resumed = MambaTrainer.cosineDecay(2e-3f, 100, 40);
    assertThat(resumed.getNewValue(11)).isEqualTo(fresh.getNewValue(51));
  }

  @Test
  void phyxmambaStage2ShouldFineTuneThroughTheRolloutAndResumeFromItsCheckpoint(@TempDir Path dir)
      throws Exception {
    Dataset data = Dataset.simulate("lorenz63", 1000);
    MambaTrainer.Options o = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 5);
    MambaTrainer.Stage2 s2 = new MambaTrainer.Stage2(3, 4, 3, 2, 2, 5e-4f, 0.5, 0.5, 1, 1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainedModel t =
        MambaTrainer.train(
            data, 800, 150, 300, o, s2, dir, new PrintStream(log, true, StandardCharsets.UTF_8));
    ((MambaForecaster) t.forecaster()).close();
    String text = log.toString(StandardCharsets.UTF_8);
    System.err.print(text);
    assertThat(text).contains("stage2 epoch 1/2 loss").contains("ETA");
    assertThat(t.hyperparameters()).containsEntry("recipe", "phyxmamba");
    assertThat(dir.resolve("stage2.json")).exists();
    assertThat(dir.resolve("stage2-last.params")).exists();

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    TrainedModel resumed =
        MambaTrainer.train(
            data, 800, 150, 300, o, s2, dir, new PrintStream(again, true, StandardCharsets.UTF_8));
    ((MambaForecaster) resumed.forecaster()).close();
    String second = again.toString(StandardCharsets.UTF_8);
    assertThat(second)
        .contains("resuming stage1")
        .contains("resuming stage2")
        .doesNotContain(" loss ");
    assertThat(resumed.validation().vptLyapunov()).isEqualTo(t.validation().vptLyapunov());
  }

  @Test
  void aFinishedStageOneShouldSeedAPhyxmambaRunThatThenOnlyRunsStage2(@TempDir Path dir)
      throws Exception {
    Dataset data = Dataset.simulate("lorenz63", 1000);
    MambaTrainer.Options o = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 5);
    MambaTrainer.Stage2 s2 = new MambaTrainer.Stage2(3, 4, 3, 1, 1, 5e-4f, 0.5, 0.5, 1, 1);
    Path mamba = dir.resolve("mamba");
    Path phyx = dir.resolve("phyx");
    TrainedModel first =
        MambaTrainer.train(
            data, 800, 150, 300, o, mamba, new PrintStream(OutputStream.nullOutputStream()));
    ((MambaForecaster) first.forecaster()).close();
    assertThat(MambaTrainer.reuseStageOne(dir.resolve("nothing"), phyx)).isFalse();
    assertThat(MambaTrainer.reuseStageOne(mamba, phyx)).isTrue();
    assertThat(Files.readString(phyx.resolve("stage1.json")))
        .isEqualTo(Files.readString(mamba.resolve("stage1.json")));

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainedModel second =
        MambaTrainer.train(
            data, 800, 150, 300, o, s2, phyx, new PrintStream(log, true, StandardCharsets.UTF_8));
    ((MambaForecaster) second.forecaster()).close();
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("resuming stage1").doesNotContain("stage1 epoch");
    assertThat(text).contains("stage2 epoch 1/1 loss");
    // the best over both stages is kept, so stage 2 can only raise the validation score
    assertThat(second.validation().vptLyapunov())
        .isGreaterThanOrEqualTo(first.validation().vptLyapunov());
    // a directory that already holds a stage 1 is left alone
    assertThat(MambaTrainer.reuseStageOne(mamba, phyx)).isFalse();
  }

  @Test
  void aDamagedCheckpointShouldStopTheRunWithAMessageThatNamesTheFileAndWhatToDo(@TempDir Path dir)
      throws Exception {
    Dataset data = Dataset.simulate("lorenz63", 1000);
    MambaTrainer.Options o = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 5);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    ((MambaForecaster) MambaTrainer.train(data, 800, 150, 300, o, dir, quiet).forecaster()).close();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("every file was written whole and renamed into place")
          .containsExactlyInAnyOrder("best.params", "stage1-last.params", "stage1.json");
    }
    // what a write cut short by a kill would have left before the writes became atomic
    Path last = dir.resolve("stage1-last.params");
    Files.write(last, java.util.Arrays.copyOf(Files.readAllBytes(last), 100));

    assertThatThrownBy(() -> MambaTrainer.train(data, 800, 150, 300, o, dir, quiet))
        .isInstanceOf(io.chaoscast.models.artifact.InvalidArtifactException.class)
        .hasMessageContaining("training checkpoint " + last + " cannot be read")
        .hasMessageContaining("delete " + dir + " to train from the start");
  }

  @Test
  void theCosineScheduleShouldRunToTheEndOfItsBudgetAndAFixedStepShouldStopEarly() {
    MambaTrainer.Options cosine = MambaTrainer.Options.defaults(240, 42);
    assertThat(cosine.recipe().cosineDecay()).isTrue();
    assertThat(cosine.patience()).isEqualTo(240);

    MambaTrainer.Options fixed = cosine.withOutputAndSchedule(true, false);
    assertThat(fixed.recipe().cosineDecay()).isFalse();
    assertThat(fixed.recipe().residualOutput()).isTrue();
    assertThat(fixed.patience()).isEqualTo(80);
    assertThat(MambaTrainer.Options.defaults(12, 42).withOutputAndSchedule(false, false).patience())
        .isEqualTo(10);
    assertThat(fixed.withOutputAndSchedule(false, true).patience()).isEqualTo(240);
  }

  @Test
  void aGivenEmbeddingShouldReplaceTheEstimatesAndStillFitTheContext() {
    double[][] fit = Dataset.simulate("lorenz63", 800).values();
    MambaTrainer.Options estimated = MambaTrainer.Options.defaults(1, 1);
    MambaConfig given =
        MambaTrainer.configure(
            List.<double[][]>of(fit),
            150,
            estimated
                .withEmbedding(7, 3)
                .withRecipe(MambaTrainer.Recipe.PHYXMAMBA.withAuxiliaryWeight(0.1)));
    assertThat(given.delay()).isEqualTo(7);
    assertThat(given.dimension()).isEqualTo(3);
    assertThat(given.predictionHeads()).isEqualTo(3);
    // (m - 1) tau must fit in a third of the context: 150 / 3 = 50 holds m = 8 at tau 7, not 9
    assertThat(
            MambaTrainer.configure(List.<double[][]>of(fit), 150, estimated.withEmbedding(7, 9))
                .dimension())
        .isEqualTo(8);
    MambaConfig auto = MambaTrainer.configure(List.<double[][]>of(fit), 150, estimated);
    assertThat(estimated.embeddingDelay()).isZero();
    assertThat(auto.delay()).isPositive();
    assertThat(estimated.recipe().auxiliaryWeight()).isEqualTo(MambaTrainer.AUXILIARY_WEIGHT);
  }

  @Test
  void aCheckpointShouldResumeUnderAnotherEpochBudgetButNotOtherOptions() {
    MambaTrainer.Options a = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 5);
    MambaTrainer.Options longer = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 20, 7, 3e-3f, 5);
    MambaTrainer.Options other = new MambaTrainer.Options(5, 8, 1, 4, 8, 4, 2, 2, 3e-3f, 6);
    assertThat(MambaTrainer.withoutBudget(a.toString()))
        .isEqualTo(MambaTrainer.withoutBudget(longer.toString()))
        .isNotEqualTo(MambaTrainer.withoutBudget(other.toString()))
        .doesNotContain("maxEpochs")
        .contains("seed=5");
  }

  /**
   * The fast trainer (one intra-op thread, {@link DjlRuntime#TRAINING_THREADS}) against the two
   * threads training used before: the same seed gives the same losses, validation scores and
   * weights (within float rounding: a reduction split over two threads may add in another order).
   * The scan's half of the speed-up is exact on its own ({@link SelectiveScanTest}).
   */
  @Test
  void oneIntraOpThreadShouldTrainTheSameModelAsTwo(@TempDir Path dir) throws Exception {
    TinyRun one = tinyRun(dir.resolve("one"), 1);
    TinyRun two = tinyRun(dir.resolve("two"), 2);
    assertThat(one.epochLines()).hasSize(3).isEqualTo(two.epochLines());
    assertThat(one.validation().vptLyapunov())
        .isCloseTo(two.validation().vptLyapunov(), within(1e-9));
    assertThat(one.validation().smapeHorizon())
        .isCloseTo(two.validation().smapeHorizon(), within(1e-3));
    assertThat(one.weights().keySet()).isEqualTo(two.weights().keySet());
    for (String name : one.weights().keySet()) {
      assertThat(one.weights().get(name))
          .as(name)
          .containsExactly(two.weights().get(name), within(1e-5f));
    }
  }

  /** Per-epoch loss and validation VPT as printed, the validation result and the weights. */
  private record TinyRun(
      List<String> epochLines,
      EvaluationResult validation,
      java.util.Map<String, float[]> weights) {}

  private static TinyRun tinyRun(Path dir, int threads) throws Exception {
    String before = System.getProperty(DjlRuntime.TRAINING_THREADS);
    System.setProperty(DjlRuntime.TRAINING_THREADS, Integer.toString(threads));
    try {
      Dataset data = Dataset.simulate("lorenz63", 1000);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      MambaTrainer.Options o = new MambaTrainer.Options(5, 16, 1, 8, 16, 10, 3, 3, 1e-2f, 13);
      TrainedModel t =
          MambaTrainer.train(
              data, 800, 150, 300, o, dir, new PrintStream(log, true, StandardCharsets.UTF_8));
      try (MambaForecaster f = (MambaForecaster) t.forecaster()) {
        List<String> epochs =
            Pattern.compile("epoch \\d+/\\d+ loss [0-9.]+ val VPT [0-9.]+")
                .matcher(log.toString(StandardCharsets.UTF_8))
                .results()
                .map(java.util.regex.MatchResult::group)
                .toList();
        System.err.println(threads + " intra-op thread(s): " + epochs);
        java.util.Map<String, float[]> weights = new java.util.LinkedHashMap<>();
        for (var p : f.network().getParameters()) {
          weights.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return new TinyRun(epochs, t.validation(), weights);
      }
    } finally {
      if (before == null) System.clearProperty(DjlRuntime.TRAINING_THREADS);
      else System.setProperty(DjlRuntime.TRAINING_THREADS, before);
    }
  }

  /** Protocol numbers for Mamba on Lorenz63: run with -Dchaoscast.mambaBench=true (minutes). */
  @Test
  @EnabledIfSystemProperty(named = "chaoscast.mambaBench", matches = "true")
  void mambaOnLorenzUnderTheProtocol(@TempDir Path dir) throws Exception {
    Dataset all =
        Dataset.simulate("lorenz63", BenchCommand.TRAIN_POINTS + BenchCommand.TEST_POINTS);
    int epochs = Integer.getInteger("chaoscast.mambaEpochs", 20);
    TrainResult r =
        TrainCommand.train(
            all.slice(0, BenchCommand.TRAIN_POINTS),
            "mamba",
            dir.resolve("m"),
            TrainCommand.Options.defaults().withEpochs(epochs));
    EvaluationResult e =
        EvalCommand.eval(
            dir.resolve("m"), all.slice(BenchCommand.TRAIN_POINTS, all.size()), 300, 20);
    System.err.println("MAMBA " + r.toJson());
    System.err.println("MAMBA-EVAL " + e.toJson());
    assertThat(e.origins()).isEqualTo(20);
  }
}
