package io.chaoscast.models.mamba;

import io.chaoscast.models.training.TrainedModel;
import java.nio.file.Path;

/**
 * Whether PhyxMamba's stage 2 only hurts because of its step size: starts from a finished stage 1
 * (a bench unit's {@code checkpoints}, trained with {@code train}'s defaults and SEED) and runs
 * stage 2 with the default objective (K = 6 patches, MMD weights 0.5 / 0.5) at the given Adam step
 * for at most EPOCHS epochs, printing the validation VPT of each (validation data only).
 *
 * <pre>
 * java -cp ... io.chaoscast.models.mamba.Stage2StepStudy SYSTEM SEED STAGE1_CHECKPOINTS OUT STEP EPOCHS
 * </pre>
 */
public final class Stage2StepStudy {

  private Stage2StepStudy() {}

  public static void main(String[] args) throws Exception {
    String system = args[0];
    long seed = Long.parseLong(args[1]);
    Path stageOne = Path.of(args[2]);
    Path out = Path.of(args[3]);
    float step = Float.parseFloat(args[4]);
    int epochs = Integer.parseInt(args[5]);
    ValidationSplit split = ValidationSplit.of(system);
    MambaTrainer.reuseStageOne(stageOne, out);
    TrainedModel t =
        MambaTrainer.train(
            split.train(),
            split.trainEnd(),
            split.context(),
            ValidationSplit.HORIZON,
            MambaTrainer.Options.defaults(120, seed),
            new MambaTrainer.Stage2(6, 16, 20, epochs, epochs, step, 0.5, 0.5, 1.0, 1.0),
            out,
            System.err);
    ((MambaForecaster) t.forecaster()).close();
  }
}
