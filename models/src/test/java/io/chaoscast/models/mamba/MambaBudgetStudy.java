package io.chaoscast.models.mamba;

import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.MambaTrainer.Recipe;
import io.chaoscast.models.training.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the Mamba's validation skill depends on its training budget, state size and recipe, and what
 * averaging several seeds' forecasts adds; validation data only: the system's bench training series
 * (its first {@link BenchCommand#TRAIN_POINTS} samples at 30 per Lyapunov time; the test series is
 * never simulated), scored with {@code train}'s validation (10 origins on the last 200 samples,
 * horizon 100 = 3.33 LT). Prints one line per seed and one for the seeds' mean forecast. Training
 * checkpoints under {@code OUT} resume. Run from the repository root after {@code models/bench.sh
 * -h} has built the classpath:
 *
 * <pre>
 * java -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
 *   io.chaoscast.models.mamba.MambaBudgetStudy SYSTEM SEEDS EPOCHS PATIENCE OUT \
 *   [N [D [P [LR [phyx [STAGE2_EPOCHS]]]]]] [noise=SD] [embed=TAU,M]
 * </pre>
 *
 * N (state size, default 16), D (model dimension, 32), P (patch, 5), LR (Adam's first step, 1e-2);
 * {@code phyx} trains PhyxMamba's three prediction heads at loss weight 0.1 and then stage 2 with
 * its published weights (K = 6 patches, MMD 1 and 1000, step 1e-4, at most STAGE2_EPOCHS, 10);
 * {@code noise=SD} (anywhere) sets the recipe's input noise (default the recipe's 0.01); {@code
 * embed=TAU,M} (anywhere) fixes the delay embedding instead of the AMI / Cao estimates. The results
 * of 2026-12-03 are in docs/bench/mamba-budget-validation.txt.
 */
public final class MambaBudgetStudy {

  private MambaBudgetStudy() {}

  public static void main(String[] all) throws Exception {
    Double noise =
        java.util.Arrays.stream(all)
            .filter(a -> a.startsWith("noise="))
            .map(a -> Double.valueOf(a.substring(6)))
            .findFirst()
            .orElse(null);
    int[] embed =
        java.util.Arrays.stream(all)
            .filter(a -> a.startsWith("embed="))
            .map(
                a -> java.util.Arrays.stream(a.substring(6).split(",")).mapToInt(Integer::parseInt))
            .map(java.util.stream.IntStream::toArray)
            .findFirst()
            .orElse(null);
    String[] args =
        java.util.Arrays.stream(all)
            .filter(a -> !a.startsWith("noise=") && !a.startsWith("embed="))
            .toArray(String[]::new);
    String system = args[0];
    String[] seeds = args[1].split(",");
    int epochs = Integer.parseInt(args[2]);
    int patience = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    int stateDim = args.length > 5 ? Integer.parseInt(args[5]) : 16;
    int modelDim = args.length > 6 ? Integer.parseInt(args[6]) : 32;
    int patch = args.length > 7 ? Integer.parseInt(args[7]) : 5;
    float lr = args.length > 8 ? Float.parseFloat(args[8]) : 1e-2f;
    boolean phyx = args.length > 9 && args[9].equals("phyx");
    int stage2Epochs = args.length > 10 ? Integer.parseInt(args[10]) : 10;
    ValidationSplit split = ValidationSplit.of(system);
    List<MambaForecaster> members = new ArrayList<>();
    for (String s : seeds) {
      long seed = Long.parseLong(s);
      MambaTrainer.Options d = MambaTrainer.Options.defaults(epochs, seed);
      Recipe recipe = phyx ? Recipe.PHYXMAMBA.withAuxiliaryWeight(0.1) : d.recipe();
      if (noise != null) recipe = recipe.withInputNoise(noise);
      MambaTrainer.Options o =
          new MambaTrainer.Options(
              patch,
              modelDim,
              d.layers(),
              stateDim,
              d.batchSize(),
              d.stepsPerEpoch(),
              epochs,
              patience,
              lr,
              seed,
              d.perContext(),
              recipe,
              d.embeddingDelay(),
              d.embeddingDimension());
      if (embed != null) o = o.withEmbedding(embed[0], embed[1]);
      long t0 = System.nanoTime();
      TrainedModel t =
          MambaTrainer.train(
              split.train(),
              split.trainEnd(),
              split.context(),
              ValidationSplit.HORIZON,
              o,
              phyx
                  ? new MambaTrainer.Stage2(
                      6, 16, 20, stage2Epochs, 4, 1e-4f, 1.0, 1000.0, 1.0, 1.0)
                  : null,
              out.resolve(
                  system
                      + "__e"
                      + epochs
                      + "p"
                      + patience
                      + "n"
                      + stateDim
                      + "d"
                      + modelDim
                      + "P"
                      + patch
                      + "lr"
                      + lr
                      + (phyx ? "phyx" + stage2Epochs : "")
                      + (noise != null ? "noise" + noise : "")
                      + (embed != null ? "tau" + embed[0] + "m" + embed[1] : "")
                      + "__seed"
                      + seed),
              System.err);
      MambaForecaster m = (MambaForecaster) t.forecaster();
      members.add(m);
      split.report(
          system + " seed " + seed + " (" + Math.round((System.nanoTime() - t0) / 1e9) + " s)", m);
    }
    Forecaster mean =
        new Forecaster() {
          public String id() {
            return "ensemble";
          }

          public int minContextLength() {
            return members.get(0).minContextLength();
          }

          public double[][][] forecast(double[][][] c, int h) {
            double[][][] sum = null;
            for (MambaForecaster m : members) {
              double[][][] f = m.forecast(c, h);
              if (sum == null) {
                sum = f;
                continue;
              }
              for (int b = 0; b < f.length; b++)
                for (int k = 0; k < f[b].length; k++)
                  for (int j = 0; j < f[b][k].length; j++) sum[b][k][j] += f[b][k][j];
            }
            for (double[][] a : sum)
              for (double[] r : a) for (int j = 0; j < r.length; j++) r[j] /= members.size();
            return sum;
          }
        };
    split.report(system + " mean of " + members.size(), mean);
    for (MambaForecaster m : members) m.close();
  }
}
