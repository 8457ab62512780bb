package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.chaoscast.models.embedding.EmbeddingEstimator;
import io.chaoscast.models.embedding.EmbeddingParameters;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import io.chaoscast.models.training.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Stage-1 training of a Mamba forecaster (PhyxMamba's next-patch pre-training): random windows of
 * the standardised fitting segment, each tokenised as at inference, teacher-forced next-patch MSE
 * over all positions, Adam with gradient clipping. After every epoch the model is scored on the
 * validation segment (mean VPT, {@link Validation}); the best epoch's parameters are checkpointed
 * and restored at the end, and training stops after {@code patience} epochs without improvement.
 * Deterministic for a seed: the engine's seed fixes initialisation, a {@link SplittableRandom} the
 * windows. One thread drives training; PyTorch uses two intra-op threads ({@link DjlRuntime}).
 */
public final class MambaTrainer {

  /**
   * @param patch P, samples per token
   * @param batchSize windows per step
   * @param stepsPerEpoch optimiser steps between validations
   * @param maxEpochs upper bound on epochs
   * @param patience epochs without validation improvement before stopping
   * @param learningRate Adam's step size
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
      long seed) {

    public static Options defaults(int maxEpochs, long seed) {
      return new Options(5, 32, 2, 16, 32, 40, maxEpochs, 6, 2e-3f, seed);
    }
  }

  private MambaTrainer() {}

  /**
   * tau and m by AMI / Cao on the fitting segment (PhyxMamba's reconstruction), capped to fit the
   * context.
   */
  static MambaConfig configure(double[][] fit, int context, Options o) {
    double[][] channels = io.chaoscast.models.embedding.DelayEmbedding.channels(fit);
    EmbeddingParameters p = EmbeddingEstimator.estimate(channels, 4);
    int tau = Arrays.stream(p.tau()).max().orElse(1);
    int m = Math.max(1, p.dimension());
    while (m > 1 && (m - 1) * tau > context / 3) m--;
    return new MambaConfig(
        fit[0].length, tau, m, o.patch(), o.modelDim(), o.layers(), 2, o.stateDim(), 4);
  }

  public static TrainedModel train(
      Dataset data,
      int trainEnd,
      int context,
      int horizon,
      Options o,
      Path checkpoints,
      PrintStream progress)
      throws IOException {
    Standardisation norm = Standardisation.fit(data.values());
    double[][] z = norm.apply(data.slice(0, trainEnd).values());
    MambaConfig config = configure(data.slice(0, trainEnd).values(), context, o);
    PatchTokens tok = config.tokens();
    int tokensPerWindow = tok.tokensIn(context);
    int span = tok.lookback() + tokensPerWindow * tok.patch(); // samples before the last target
    if (z.length < span + tok.patch() + o.batchSize()) {
      throw new IllegalArgumentException("fitting segment too short for context " + context);
    }
    MambaForecaster model =
        MambaForecaster.create(config, norm.mean(), norm.std(), context, o.seed());
    Files.createDirectories(checkpoints);
    Path best = checkpoints.resolve("best.params");
    SplittableRandom rng = new SplittableRandom(o.seed());
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(o.learningRate()))
                    .optClipGrad(1.0f)
                    .build());
    double bestScore = Double.NEGATIVE_INFINITY;
    EvaluationResult bestResult = null;
    int sinceBest = 0;
    long start = System.nanoTime();
    int epochsRun = 0;
    try (Trainer trainer = model.model().newTrainer(tc)) {
      int f = tok.tokenDim();
      int pd = tok.patchDim();
      for (int epoch = 1; epoch <= o.maxEpochs(); epoch++) {
        double lossSum = 0;
        for (int s = 0; s < o.stepsPerEpoch(); s++) {
          float[] x = new float[o.batchSize() * tokensPerWindow * f];
          float[] y = new float[o.batchSize() * tokensPerWindow * pd];
          for (int b = 0; b < o.batchSize(); b++) {
            // last token ends at e; its target e+1..e+P stays inside the fitting segment
            int e = rng.nextInt(span - 1, z.length - tok.patch());
            for (int k = 0; k < tokensPerWindow; k++) {
              int end = e - (tokensPerWindow - 1 - k) * tok.patch();
              tok.token(z, end, x, (b * tokensPerWindow + k) * f);
              tok.target(z, end, y, (b * tokensPerWindow + k) * pd);
            }
          }
          try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray xs = step.create(x, new Shape(o.batchSize(), tokensPerWindow, f));
            NDArray ys = step.create(y, new Shape(o.batchSize(), tokensPerWindow, pd));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray pred = trainer.forward(new NDList(xs)).singletonOrThrow();
              NDArray loss = pred.sub(ys).square().mean(); // next-patch MSE
              gc.backward(loss);
              lossSum += loss.getFloat();
            }
            trainer.step();
          }
        }
        epochsRun = epoch;
        EvaluationResult val = Validation.evaluate(model, data, trainEnd, norm, context, horizon);
        double score = Validation.score(val);
        if (score > bestScore) {
          bestScore = score;
          bestResult = val;
          sinceBest = 0;
          model.saveParameters(best);
        } else {
          sinceBest++;
        }
        model.saveParameters(checkpoints.resolve("last.params"));
        double elapsed = (System.nanoTime() - start) / 1e9;
        progress.printf(
            Locale.ROOT,
            "[train mamba] epoch %d/%d loss %.5f val VPT %.2f (best %.2f) %.1f s/epoch ETA %.0f s%n",
            epoch,
            o.maxEpochs(),
            lossSum / o.stepsPerEpoch(),
            score,
            bestScore,
            elapsed / epoch,
            elapsed / epoch * (o.maxEpochs() - epoch));
        if (sinceBest >= o.patience()) break;
      }
    }
    model.loadParameters(best);
    java.util.Map<String, Object> hp = new java.util.LinkedHashMap<>(config.toHyperparameters());
    hp.put("epochs_run", epochsRun);
    hp.put("batch_size", o.batchSize());
    hp.put("steps_per_epoch", o.stepsPerEpoch());
    hp.put("learning_rate", (double) o.learningRate());
    hp.put("seed", o.seed());
    return new TrainedModel(model, model, norm, hp, bestResult);
  }
}
