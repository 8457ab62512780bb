package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.InvalidArtifactException;
import io.chaoscast.models.embedding.EmbeddingEstimator;
import io.chaoscast.models.embedding.EmbeddingParameters;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.mamba.f32.NvarResidual;
import io.chaoscast.models.mamba.f32.Scaling;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import io.chaoscast.models.training.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Stage-1 training of a Mamba forecaster (PhyxMamba's next-patch pre-training): random windows of
 * the standardised fitting segment, each tokenised as at inference, teacher-forced next-patch MSE
 * over all positions, Adam with gradient clipping. After every epoch the model is scored on the
 * validation segment (mean VPT, {@link Validation}); the best epoch's parameters are checkpointed
 * and restored at the end, and training stops after {@code patience} epochs without improvement.
 * Rerunning into the same checkpoint directory resumes ({@code Stage}). Deterministic for a seed:
 * the engine's seed fixes initialisation, a {@link SplittableRandom} the windows. One thread drives
 * training; PyTorch uses {@link DjlRuntime#trainingThreads} intra-op threads (1 by default).
 */
public final class MambaTrainer {

  /**
   * What a training run does beyond the architecture's size: the output, the heads, the step-size
   * schedule and the input noise.
   *
   * @param residualOutput decode increments on the token's last sample ({@link MambaConfig})
   * @param predictionHeads 1 + multi-token prediction heads trained alongside ({@link MambaConfig})
   * @param cosineDecay anneal the step size along a half cosine from the learning rate to a
   *     twentieth of it over the {@code maxEpochs} budget (Loshchilov and Hutter 2017, without
   *     restarts); otherwise it stays fixed
   * @param inputNoise SD of Gaussian noise added to the context samples a window's tokens are built
   *     from (targets stay clean), in standardised units: noise regularisation of autoregressive
   *     forecasters (Wikner et al. 2022), 0 for none
   * @param auxiliaryWeight total weight of the extra heads' losses against the next-patch loss's 1
   *     ({@value MambaTrainer#AUXILIARY_WEIGHT} unless given; PhyxMamba's published runs use 0.1)
   * @param nvarResidual let {@link NvarResidualChoice} decide whether the network learns the
   *     residual of a global NVAR; when it does, the input noise is 0 whatever {@code inputNoise}
   *     says (the NVAR amplifies noise in its inputs 20 to 130 times above the residual's size, and
   *     the network cannot learn through that: docs/bench/mamba-budget-validation.txt, section 11)
   */
  public record Recipe(
      boolean residualOutput,
      int predictionHeads,
      boolean cosineDecay,
      double inputNoise,
      double auxiliaryWeight,
      boolean nvarResidual) {

    public Recipe(
        boolean residualOutput, int predictionHeads, boolean cosineDecay, double inputNoise) {
      this(residualOutput, predictionHeads, cosineDecay, inputNoise, AUXILIARY_WEIGHT, false);
    }

    /** Absolute output, one head, fixed step size, no noise: the first recipe. */
    public static final Recipe PLAIN = new Recipe(false, 1, false, 0);

    /**
     * {@code train --model mamba}'s: a cosine schedule and input noise SD 0.01. Chosen on Lorenz63
     * under the benchmark protocol at 30 epochs (docs/forecasting.md lists the runs): with the step
     * size 2e-3 -> 1e-2 they took the test VPT from 2.35 to 4.14 LT.
     */
    public static final Recipe MAMBA = new Recipe(false, 1, true, 0.01);

    /**
     * PhyxMamba's multi-token stage 1: the Mamba recipe with the next patch and two more predicted.
     * Not what {@code train --model phyxmamba} runs: on validation it trained slower and scored
     * lower at 15, 45 and 120 epochs (docs/forecasting.md); kept for the studies that compare it.
     */
    public static final Recipe PHYXMAMBA = MAMBA.withPredictionHeads(3);

    public Recipe withPredictionHeads(int heads) {
      return new Recipe(
          residualOutput, heads, cosineDecay, inputNoise, auxiliaryWeight, nvarResidual);
    }

    public Recipe withOutputAndSchedule(boolean residual, boolean cosine) {
      return new Recipe(
          residual, predictionHeads, cosine, inputNoise, auxiliaryWeight, nvarResidual);
    }

    public Recipe withInputNoise(double sd) {
      return new Recipe(
          residualOutput, predictionHeads, cosineDecay, sd, auxiliaryWeight, nvarResidual);
    }

    public Recipe withAuxiliaryWeight(double weight) {
      return new Recipe(
          residualOutput, predictionHeads, cosineDecay, inputNoise, weight, nvarResidual);
    }

    public Recipe withNvarResidual(boolean on) {
      return new Recipe(
          residualOutput, predictionHeads, cosineDecay, inputNoise, auxiliaryWeight, on);
    }
  }

  /**
   * @param patch P, samples per token
   * @param batchSize windows per step
   * @param stepsPerEpoch optimiser steps between validations
   * @param maxEpochs upper bound on epochs
   * @param patience epochs without validation improvement before stopping
   * @param learningRate Adam's step size (the start of the cosine with {@link Recipe#cosineDecay})
   * @param perContext RevIN per-context normalisation ({@link Scaling}) instead of the training
   *     statistics: for a model that serves several systems
   * @param embeddingDelay tau of the delay vectors, with {@code embeddingDimension} m; 0 to
   *     estimate both by AMI / Cao on the fitting segment ({@link #configure})
   */
  public record Options(
      int patch,
      int modelDim,
      int layers,
      int stateDim,
      int batchSize,
      int stepsPerEpoch,
      int maxEpochs,
      int patience,
      float learningRate,
      long seed,
      boolean perContext,
      Recipe recipe,
      int embeddingDelay,
      int embeddingDimension) {

    /** With the training data's normalisation and the {@link Recipe#PLAIN} recipe (test models). */
    public Options(
        int patch,
        int modelDim,
        int layers,
        int stateDim,
        int batchSize,
        int stepsPerEpoch,
        int maxEpochs,
        int patience,
        float learningRate,
        long seed) {
      this(
          patch,
          modelDim,
          layers,
          stateDim,
          batchSize,
          stepsPerEpoch,
          maxEpochs,
          patience,
          learningRate,
          seed,
          false,
          Recipe.PLAIN,
          0,
          0);
    }

    /**
     * {@code train --model mamba} and stage 1 of {@code --model phyxmamba}: d = 32, 2 layers, N =
     * 4, P = 5, batch 32, 40 steps per epoch, Adam from 1e-2, {@link Recipe#MAMBA} (its cosine
     * schedule runs to the end of the budget: {@link #defaultPatience}). N = 4 rather than Mamba's
     * 16: an epoch costs half as much (the [B, T, N, E] discretisation tensors are most of it) and
     * the validation VPT was no lower (docs/forecasting.md, "State size and budget").
     */
    public static Options defaults(int maxEpochs, long seed) {
      return new Options(
              5, 32, 2, 4, 32, 40, maxEpochs, defaultPatience(maxEpochs, true), 1e-2f, seed)
          .withRecipe(Recipe.MAMBA);
    }

    /**
     * Epochs without validation improvement before stopping. Under the cosine schedule none: the
     * budget is what anneals the step, the best epochs come once it is small, and stopping early
     * leaves the model at a large step (at 240 epochs with patience 80, Lorenz63 seed 42 stopped at
     * epoch 90 with its best at epoch 10, validation 3.13 LT against the 3.33 a 120-epoch run
     * reached; docs/forecasting.md, "Full suite"). At a fixed step, a third of the budget and at
     * least 10 (the validation VPT of 10 origins is noisy: improvements 28 epochs apart were seen
     * on Halvorsen).
     */
    public static int defaultPatience(int maxEpochs, boolean cosine) {
      return cosine ? maxEpochs : Math.max(10, maxEpochs / 3);
    }

    /**
     * Another output and step-size schedule, with the schedule's {@link #defaultPatience}: what
     * {@code train --output} and {@code --lr-schedule} change.
     */
    public Options withOutputAndSchedule(boolean residual, boolean cosine) {
      return with(
          defaultPatience(maxEpochs, cosine),
          perContext,
          recipe.withOutputAndSchedule(residual, cosine),
          embeddingDelay,
          embeddingDimension);
    }

    public Options withPerContext(boolean v) {
      return with(v, recipe);
    }

    public Options withRecipe(Recipe r) {
      return with(perContext, r);
    }

    /** These sizes and optimiser settings with another normalisation and recipe. */
    private Options with(boolean perContext, Recipe recipe) {
      return with(patience, perContext, recipe, embeddingDelay, embeddingDimension);
    }

    /** Another epoch budget, with the recipe's {@link #defaultPatience} for it. */
    public Options withBudget(int epochs) {
      return with(
          epochs,
          defaultPatience(epochs, recipe.cosineDecay()),
          perContext,
          recipe,
          embeddingDelay,
          embeddingDimension);
    }

    /** A fixed delay tau and dimension m instead of the AMI / Cao estimates. */
    public Options withEmbedding(int tau, int m) {
      if (tau < 1 || m < 1) throw new IllegalArgumentException("tau and m must be >= 1");
      return with(patience, perContext, recipe, tau, m);
    }

    private Options with(int patience, boolean perContext, Recipe recipe, int tau, int m) {
      return with(maxEpochs, patience, perContext, recipe, tau, m);
    }

    private Options with(
        int maxEpochs, int patience, boolean perContext, Recipe recipe, int tau, int m) {
      return new Options(
          patch,
          modelDim,
          layers,
          stateDim,
          batchSize,
          stepsPerEpoch,
          maxEpochs,
          patience,
          learningRate,
          seed,
          perContext,
          recipe,
          tau,
          m);
    }
  }

  private MambaTrainer() {}

  /**
   * tau and m as given ({@link Options#withEmbedding}) or by AMI / Cao on the fitting segment
   * (PhyxMamba's reconstruction), capped to fit the context.
   */
  static MambaConfig configure(List<double[][]> fits, int context, Options o) {
    int tau = Math.max(1, o.embeddingDelay());
    int m = Math.max(1, o.embeddingDimension());
    for (double[][] fit : o.embeddingDelay() > 0 ? List.<double[][]>of() : fits) {
      // a mix of series takes the largest tau and m among them
      double[][] channels = io.chaoscast.models.embedding.DelayEmbedding.channels(fit);
      EmbeddingParameters p = EmbeddingEstimator.estimate(channels, 4);
      tau = Math.max(tau, Arrays.stream(p.tau()).max().orElse(1));
      m = Math.max(m, p.dimension());
    }
    double[][] fit = fits.get(0);
    while (m > 1 && (m - 1) * tau > context / 3) m--;
    return new MambaConfig(
        fit[0].length,
        tau,
        m,
        o.patch(),
        o.modelDim(),
        o.layers(),
        2,
        o.stateDim(),
        4,
        o.recipe().residualOutput(),
        o.recipe().predictionHeads());
  }

  /**
   * PhyxMamba's stage 2 (Liu et al. 2025): fine-tuning on the rollout loss plus the
   * attractor-geometry regulariser ({@link RolloutObjective}), after stage 1 has converged.
   *
   * @param rolloutPatches K, patches rolled out (and back-propagated through) per window
   * @param batchSize windows per step
   * @param stepsPerEpoch optimiser steps between validations
   * @param maxEpochs upper bound on stage-2 epochs
   * @param patience epochs without validation improvement before stopping
   * @param learningRate Adam's step size (below stage 1's: this is fine-tuning)
   * @param unconditionalWeight weight of the pooled MMD^2
   * @param conditionalWeight weight of the per-origin MMD^2
   * @param alpha rational-quadratic kernel's alpha
   * @param lengthScale its length scale l in standardised units
   */
  public record Stage2(
      int rolloutPatches,
      int batchSize,
      int stepsPerEpoch,
      int maxEpochs,
      int patience,
      float learningRate,
      double unconditionalWeight,
      double conditionalWeight,
      double alpha,
      double lengthScale) {

    /**
     * K = 6 patches (30 samples, PhyxMamba's multistep horizon), batch 16, 20 steps per epoch,
     * patience 4, Adam's step 1e-4 (PhyxMamba's fine-tuning step; at 5e-4, the default until
     * 2026-12-03, the stage-2 loss rose epoch after epoch from a converged Lorenz63 stage 1:
     * docs/bench/mamba-budget-validation.txt), MMD weights 0.5 and 0.5, kernel alpha 1, l = 1.
     */
    public static Stage2 defaults(int maxEpochs) {
      return new Stage2(6, 16, 20, maxEpochs, 4, 1e-4f, 0.5, 0.5, 1.0, 1.0);
    }

    RolloutObjective.Weights weights() {
      return new RolloutObjective.Weights(
          rolloutPatches, unconditionalWeight, conditionalWeight, alpha, lengthScale);
    }
  }

  /** Stage 1 only (the plain Mamba recipe). */
  public static TrainedModel train(
      Dataset data,
      int trainEnd,
      int context,
      int horizon,
      Options o,
      Path checkpoints,
      PrintStream progress)
      throws IOException {
    return train(data, trainEnd, context, horizon, o, null, checkpoints, progress);
  }

  /**
   * Stage 1, then stage 2 if {@code stage2} is not null. Each stage resumes from its checkpoints in
   * {@code checkpoints} when they were written with the same options (a finished stage is skipped).
   */
  public static TrainedModel train(
      Dataset data,
      int trainEnd,
      int context,
      int horizon,
      Options o,
      Stage2 stage2,
      Path checkpoints,
      PrintStream progress)
      throws IOException {
    return train(
        List.of(data), List.of(trainEnd), context, horizon, o, stage2, checkpoints, progress);
  }

  /**
   * Trains one model on several series (for example several systems at one sampling interval, all
   * with {@code data.get(0)}'s channel count): windows are drawn from every fitting segment {@code
   * [0, trainEnds[i])} in proportion to its length, and the validation score is the mean over the
   * series' validation segments. The normalisation statistics are those of all series pooled (with
   * {@link Options#perContext} each window uses its own context's instead).
   *
   * <p>Threads: PyTorch runs with {@link DjlRuntime#trainingThreads} intra-op threads for the whole
   * call, and the count it had before is restored on return. That count is PyTorch's global
   * setting, not this run's ({@link DjlRuntime#intraOpThreads}): whatever else runs PyTorch
   * operators in this JVM meanwhile runs under it too, and two trainings on different threads
   * should not overlap (the later one to finish would restore the other's count).
   */
  public static TrainedModel train(
      List<Dataset> data,
      List<Integer> trainEnds,
      int context,
      int horizon,
      Options o,
      Stage2 stage2,
      Path checkpoints,
      PrintStream progress)
      throws IOException {
    NvarResidualChoice.Choice residual = nvarResidual(data, trainEnds, context, horizon, o);
    if (residual != null) {
      progress.println(
          "NVAR residual " + (residual.residual() == null ? "off: " : "on: ") + residual.reason());
      if (residual.residual() != null) o = o.withRecipe(o.recipe().withInputNoise(0));
    }
    return train(data, trainEnds, context, horizon, o, stage2, checkpoints, progress, residual);
  }

  /**
   * Whether the network will learn the residual of a global NVAR, and why: null when the recipe
   * does not ask for it; otherwise {@link NvarResidualChoice}'s decision on the fitting segment, or
   * none for several series or per-context normalisation. Deterministic for its arguments.
   */
  static NvarResidualChoice.Choice nvarResidual(
      List<Dataset> data, List<Integer> trainEnds, int context, int horizon, Options o) {
    if (!o.recipe().nvarResidual()) return null;
    if (o.recipe().residualOutput() || o.recipe().predictionHeads() > 1) {
      throw new IllegalArgumentException(
          "the NVAR residual needs absolute output and a single prediction head");
    }
    if (data.size() > 1) return new NvarResidualChoice.Choice(null, "trains on several series");
    if (o.perContext()) return new NvarResidualChoice.Choice(null, "per-context normalisation");
    return NvarResidualChoice.choose(data.get(0), trainEnds.get(0), context, horizon, o.patch());
  }

  private static TrainedModel train(
      List<Dataset> data,
      List<Integer> trainEnds,
      int context,
      int horizon,
      Options o,
      Stage2 stage2,
      Path checkpoints,
      PrintStream progress,
      NvarResidualChoice.Choice residual)
      throws IOException {
    int threadsBefore = DjlRuntime.intraOpThreads(DjlRuntime.trainingThreads());
    try {
      List<double[][]> fits = new ArrayList<>();
      List<double[][]> all = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        if (data.get(i).channels() != data.get(0).channels()) {
          throw new IllegalArgumentException(
              data.get(i).source()
                  + " has "
                  + data.get(i).channels()
                  + " channels, "
                  + data.get(0).source()
                  + " "
                  + data.get(0).channels());
        }
        fits.add(data.get(i).slice(0, trainEnds.get(i)).values());
        all.add(data.get(i).values());
      }
      Standardisation norm =
          Standardisation.fit(all.stream().flatMap(Arrays::stream).toArray(double[][]::new));
      Scaling scaling = new Scaling(norm.mean(), norm.std(), o.perContext());
      MambaConfig config = configure(fits, context, o);
      PatchTokens tok = config.tokens();
      int tokensPerWindow = tok.tokensIn(context);
      int future =
          tok.patch()
              * Math.max(
                  o.recipe().predictionHeads(), stage2 == null ? 1 : stage2.rolloutPatches());
      Windows windows = new Windows(fits, scaling, context);
      if (!windows.fits(future + o.batchSize())) {
        throw new IllegalArgumentException("fitting segment too short for context " + context);
      }
      MambaForecaster model = MambaForecaster.create(config, scaling, context, o.seed());
      if (residual != null && residual.residual() != null) {
        model.useResidual(residual.residual());
        // a zero decoder starts the model at the NVAR's forecast
        for (Pair<String, Parameter> p : model.network().getParameters()) {
          if (p.getKey().contains("head")) p.getValue().getArray().muli(0);
        }
      }
      Files.createDirectories(checkpoints);
      List<Standardisation> scoring = new ArrayList<>();
      for (Dataset d : data) scoring.add(Standardisation.fit(d.values()));
      Validator validator =
          () -> {
            double sum = 0;
            for (int i = 0; i < data.size(); i++) {
              sum +=
                  Validation.score(
                      Validation.evaluate(
                          model, data.get(i), trainEnds.get(i), scoring.get(i), context, horizon));
            }
            return sum / data.size();
          };
      SplittableRandom rng = new SplittableRandom(o.seed());
      Stage first =
          new Stage(
              STAGE_ONE,
              "mamba",
              o.maxEpochs(),
              o.stepsPerEpoch(),
              o.patience(),
              o.learningRate(),
              o.recipe().cosineDecay());
      int[] epochs = new int[2];
      double best =
          first.run(
              model,
              checkpoints,
              o.toString(),
              Double.NEGATIVE_INFINITY,
              validator,
              progress,
              epochs,
              0,
              (trainer, m) ->
                  teacherForcedLoss(
                      trainer, m, windows, tok, tokensPerWindow, o, model.residual(), rng));
      if (stage2 != null) {
        model.loadParameters(checkpoints.resolve(BEST)); // fine-tune stage 1's best epoch
        RolloutObjective objective =
            new RolloutObjective(
                model.network(), tok, tokensPerWindow, model.residual(), stage2.weights());
        Stage second =
            new Stage(
                "stage2",
                "phyxmamba",
                stage2.maxEpochs(),
                stage2.stepsPerEpoch(),
                stage2.patience(),
                stage2.learningRate(),
                o.recipe().cosineDecay());
        second.run(
            model,
            checkpoints,
            o + " " + stage2,
            best,
            validator,
            progress,
            epochs,
            1,
            (trainer, m) ->
                objective.loss(
                    m, new ParameterStore(m, false), windows, stage2.batchSize(), rng.split()));
      }
      model.loadParameters(checkpoints.resolve(BEST));
      EvaluationResult validation =
          Validation.evaluate(
              model, data.get(0), trainEnds.get(0), scoring.get(0), context, horizon);
      java.util.Map<String, Object> hp = new java.util.LinkedHashMap<>(config.toHyperparameters());
      hp.put(MambaForecaster.NORMALISATION, scaling.mode());
      hp.put("recipe", stage2 == null ? "mamba" : "phyxmamba");
      if (data.size() > 1) {
        hp.put("sources", data.stream().map(Dataset::source).toList());
      }
      hp.put("epochs_run", epochs[0]);
      hp.put("batch_size", o.batchSize());
      hp.put("steps_per_epoch", o.stepsPerEpoch());
      hp.put("learning_rate", (double) o.learningRate());
      hp.put("learning_rate_schedule", o.recipe().cosineDecay() ? "cosine" : "fixed");
      hp.put("input_noise", o.recipe().inputNoise());
      hp.put(MambaForecaster.NVAR_RESIDUAL, model.residual() != null);
      if (residual != null) hp.put("nvar_residual_choice", residual.reason());
      if (o.recipe().predictionHeads() > 1) {
        hp.put("auxiliary_weight", o.recipe().auxiliaryWeight());
      }
      hp.put("embedding_source", o.embeddingDelay() > 0 ? "given" : "ami-cao");
      hp.put("seed", o.seed());
      if (stage2 != null) {
        hp.put("stage2_epochs_run", epochs[1]);
        hp.put("stage2_rollout_patches", stage2.rolloutPatches());
        hp.put("stage2_batch_size", stage2.batchSize());
        hp.put("stage2_steps_per_epoch", stage2.stepsPerEpoch());
        hp.put("stage2_learning_rate", (double) stage2.learningRate());
        hp.put("stage2_mmd_unconditional_weight", stage2.unconditionalWeight());
        hp.put("stage2_mmd_conditional_weight", stage2.conditionalWeight());
        hp.put("stage2_rq_alpha", stage2.alpha());
        hp.put("stage2_rq_length_scale", stage2.lengthScale());
      }
      return new TrainedModel(model, model, norm, hp, validation);
    } finally {
      DjlRuntime.intraOpThreads(threadsBefore);
    }
  }

  static final String BEST = "best.params";

  /** The first stage's name, which names its files in a checkpoint directory. */
  static final String STAGE_ONE = "stage1";

  /**
   * Seeds {@code to} (an empty checkpoint directory) with the finished stage 1 in {@code from} (and
   * its {@link EmbeddingProbe} decision), so that a phyxmamba run, whose stage 1 is the mamba
   * recipe's, goes straight to stage 2. The stage-1 options are checked on resume as always: a
   * stage 1 trained with other options is retrained. Returns whether anything was copied.
   */
  public static boolean reuseStageOne(Path from, Path to) throws IOException {
    Path state = Stage.stateFile(from, STAGE_ONE);
    // The state file goes last: a run killed while copying leaves no stage1.json, so the next run
    // copies again instead of resuming from part of a stage.
    List<Path> files = new ArrayList<>();
    Path probe = from.resolve(EmbeddingProbe.DECISION);
    if (Files.isRegularFile(probe)) files.add(probe);
    files.addAll(List.of(from.resolve(BEST), Stage.lastParameters(from, STAGE_ONE), state));
    if (!files.stream().allMatch(Files::isRegularFile)
        || !new ObjectMapper().readValue(state.toFile(), StageState.class).finished()
        || Files.exists(Stage.stateFile(to, STAGE_ONE))) {
      return false;
    }
    for (Path f : files) {
      AtomicFiles.write(to.resolve(f.getFileName()), out -> Files.copy(f, out));
    }
    return true;
  }

  /**
   * Adam's step size for its n-th update (n from 1) after {@code doneSteps} earlier ones: a half
   * cosine from {@code lr} down to {@code lr / 20} at step {@code totalSteps}, flat after it.
   */
  static Tracker cosineDecay(float lr, int totalSteps, int doneSteps) {
    float floor = lr / 20;
    return n -> {
      double progress = Math.min(1, (doneSteps + n - 1) / (double) totalSteps);
      return (float) (floor + (lr - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    };
  }

  /**
   * The options a checkpoint must share to be resumed: all but the epoch budget and patience, so
   * that a run can be extended, or cut short to its last finished epoch ({@code --epochs N}).
   */
  static String withoutBudget(String options) {
    return options.replaceAll("(maxEpochs|patience)=[^,\\]]*(, )?", "");
  }

  /**
   * Stage 1's loss: teacher-forced next-patch MSE over every token of random windows; with more
   * than one prediction head, plus {@link Recipe#auxiliaryWeight} x the mean MSE of the extra heads
   * (head j's target is the (j+1)-th patch after the token; multi-token prediction as an auxiliary
   * loss, Gloeckle et al. 2024; the weight keeps the next-patch objective, the one rolled out,
   * dominant).
   */
  private static NDArray teacherForcedLoss(
      Trainer trainer,
      NDManager step,
      Windows windows,
      PatchTokens tok,
      int tokensPerWindow,
      Options o,
      NvarResidual residual,
      SplittableRandom rng) {
    int f = tok.tokenDim();
    int pd = tok.patchDim();
    int heads = o.recipe().predictionHeads();
    int rows = o.batchSize() * tokensPerWindow;
    float[] x = new float[rows * f];
    float[][] y = new float[heads][rows * pd];
    int e = windows.lastContextSample();
    for (int b = 0; b < o.batchSize(); b++) {
      double[][] z = windows.next(rng, heads * tok.patch()); // e + heads P is its last sample
      double[][] in = o.recipe().inputNoise() > 0 ? noisy(z, e, o.recipe().inputNoise(), rng) : z;
      for (int k = 0; k < tokensPerWindow; k++) {
        int end = e - (tokensPerWindow - 1 - k) * tok.patch();
        int row = b * tokensPerWindow + k;
        tok.token(in, end, x, row * f);
        for (int j = 0; j < heads; j++) tok.target(z, end + j * tok.patch(), y[j], row * pd);
        if (residual != null) residual.toResidual(z, end, y[0], row * pd);
      }
    }
    Shape tokens = new Shape(o.batchSize(), tokensPerWindow, f);
    Shape patches = new Shape(o.batchSize(), tokensPerWindow, pd);
    NDList pred = trainer.forward(new NDList(step.create(x, tokens)));
    NDArray loss = pred.get(0).sub(step.create(y[0], patches)).square().mean();
    for (int j = 1; j < heads; j++) {
      NDArray mse = pred.get(j).sub(step.create(y[j], patches)).square().mean();
      loss = loss.add(mse.mul((float) o.recipe().auxiliaryWeight() / (heads - 1)));
    }
    return loss;
  }

  /** A copy of z with N(0, sd^2) added to samples 0..last (the context), the rest untouched. */
  static double[][] noisy(double[][] z, int last, double sd, SplittableRandom rng) {
    double[][] out = new double[z.length][];
    for (int t = 0; t < z.length; t++) {
      out[t] = z[t].clone();
      if (t <= last) for (int c = 0; c < out[t].length; c++) out[t][c] += sd * rng.nextGaussian();
    }
    return out;
  }

  /** Total weight of the extra prediction heads' losses against the next-patch loss's 1. */
  static final float AUXILIARY_WEIGHT = 0.5f;

  /** The validation score (mean VPT) of the model's current parameters. */
  @FunctionalInterface
  private interface Validator {
    double score();
  }

  /** One optimiser step's loss, built in the step's scope. */
  @FunctionalInterface
  private interface StepLoss {
    NDArray loss(Trainer trainer, NDManager step);
  }

  /**
   * The epoch loop both stages share: steps of Adam (with gradient clipping), validation after
   * every epoch, the best parameters (over this and earlier stages) in {@code best.params}, early
   * stopping on patience, a progress line with loss and ETA, and resume: after every epoch the
   * parameters and {@code NAME.json} (epoch, best score, options) are written, and a rerun with the
   * same options continues after the last finished epoch (Adam's moments restart from zero).
   */
  private record Stage(
      String name,
      String label,
      int maxEpochs,
      int stepsPerEpoch,
      int patience,
      float lr,
      boolean cosine) {

    /**
     * Reads a checkpoint file, or says which one cannot be read and what to do: the trainer writes
     * them whole ({@link AtomicFiles}), so this is a file damaged by something else (or by a
     * version before that) and the stage cannot resume from it.
     */
    private static <T> T readCheckpoint(Path file, IoSupplier<T> read) {
      try {
        return read.get();
      } catch (IOException | RuntimeException e) {
        throw new InvalidArtifactException(
            "training checkpoint "
                + file
                + " cannot be read ("
                + e
                + "); delete "
                + file.getParent()
                + " to train from the start",
            e);
      }
    }

    /** The stage's progress file ({@link StageState}) in a checkpoint directory. */
    static Path stateFile(Path dir, String stage) {
      return dir.resolve(stage + ".json");
    }

    /** The stage's parameters after its last finished epoch. */
    static Path lastParameters(Path dir, String stage) {
      return dir.resolve(stage + "-last.params");
    }

    /**
     * The step size for Adam's {@code n}-th update (from 1) of a stage resumed after {@code
     * doneSteps}: fixed, or a half cosine from lr to lr / 20 over the budget.
     */
    Tracker schedule(int doneSteps) {
      return cosine ? cosineDecay(lr, maxEpochs * stepsPerEpoch, doneSteps) : Tracker.fixed(lr);
    }

    double run(
        MambaForecaster model,
        Path dir,
        String options,
        double bestBefore,
        Validator validator,
        PrintStream progress,
        int[] epochsRun,
        int slot,
        StepLoss stepLoss)
        throws IOException {
      ObjectMapper json = new ObjectMapper();
      Path state = stateFile(dir, name);
      Path last = lastParameters(dir, name);
      Path best = dir.resolve(BEST);
      int epoch = 0;
      double bestScore = bestBefore;
      int sinceBest = 0;
      if (Files.isRegularFile(state) && Files.isRegularFile(last) && Files.isRegularFile(best)) {
        StageState s =
            readCheckpoint(state, () -> json.readValue(state.toFile(), StageState.class));
        if (withoutBudget(s.options()).equals(withoutBudget(options))) {
          readCheckpoint(
              last,
              () -> {
                model.loadParameters(last);
                return null;
              });
          epoch = s.epoch();
          bestScore = s.bestScore();
          sinceBest = s.sinceBest();
          progress.printf(
              Locale.ROOT,
              "[train %s] resuming %s after epoch %d (best VPT %.2f)%n",
              label,
              name,
              epoch,
              bestScore);
          if (epoch >= maxEpochs || sinceBest >= patience) { // done under this budget
            epochsRun[slot] = epoch;
            if (!s.finished()) {
              AtomicFiles.writeJson(
                  state, json, new StageState(options, epoch, bestScore, sinceBest, true));
            }
            return bestScore;
          }
        }
      } else if (bestBefore == Double.NEGATIVE_INFINITY || !Files.isRegularFile(best)) {
        Files.deleteIfExists(best);
      }
      if (!Files.isRegularFile(best)) model.saveParameters(best);
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(schedule(epoch * stepsPerEpoch))
                      .optClipGrad(1.0f)
                      .build());
      long start = System.nanoTime();
      int startEpoch = epoch;
      boolean finished = false;
      try (Trainer trainer = model.model().newTrainer(tc)) {
        // loaded parameters (stage 1's best, a resumed checkpoint) come back without autograd
        for (Parameter p : model.network().getParameters().values()) {
          if (p.requiresGradient()) p.getArray().setRequiresGradient(true);
        }
        registerParameters(trainer, model);
        while (epoch < maxEpochs && sinceBest < patience) {
          epoch++;
          double lossSum = 0;
          for (int s = 0; s < stepsPerEpoch; s++) {
            try (NDManager step = trainer.getManager().newSubManager()) {
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = stepLoss.loss(trainer, step);
                gc.backward(loss);
                lossSum += loss.getFloat();
              }
              trainer.step();
            }
          }
          double score = validator.score();
          if (score > bestScore) {
            bestScore = score;
            sinceBest = 0;
            model.saveParameters(best);
          } else {
            sinceBest++;
          }
          model.saveParameters(last);
          finished = epoch >= maxEpochs || sinceBest >= patience;
          AtomicFiles.writeJson(
              state, json, new StageState(options, epoch, bestScore, sinceBest, finished));
          double perEpoch = (System.nanoTime() - start) / 1e9 / (epoch - startEpoch);
          progress.printf(
              Locale.ROOT,
              "[train %s] %s epoch %d/%d loss %.5f val VPT %.2f (best %.2f) %.1f s/epoch ETA %.0f s%n",
              label,
              name,
              epoch,
              maxEpochs,
              lossSum / stepsPerEpoch,
              score,
              bestScore,
              perEpoch,
              perEpoch * (maxEpochs - epoch));
        }
      }
      epochsRun[slot] = epoch;
      return bestScore;
    }

    /**
     * The trainer updates only parameters its own store has handed out; stage 2 builds its graph
     * through a separate store (it needs the network's recurrent states, which {@code
     * Trainer.forward} does not return), so one forward pass through the trainer registers them
     * all. Both stores return the same arrays on one device, so gradients meet.
     */
    private static void registerParameters(Trainer trainer, MambaForecaster model) {
      try (NDManager m = trainer.getManager().newSubManager()) {
        int f = model.config().tokens().tokenDim();
        trainer.forward(new NDList(m.zeros(new Shape(1, 1, f))));
      }
    }
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** What a stage writes after each epoch so that a rerun can resume. */
  record StageState(String options, int epoch, double bestScore, int sinceBest, boolean finished) {}
}
