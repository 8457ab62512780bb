package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.TrainCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a forecaster on a CSV series or a simulated system and write a model artifact directory.")
final class TrainCliCommand implements Callable<Integer> {

  static final class Source {
    @Option(
        names = "--csv",
        description = "Training series: header, time in seconds, then channels.")
    Path csv;

    @Option(
        names = "--system",
        description =
            "Simulate this catalogue system instead (see `forecaster systems`); a comma-separated"
                + " list trains one mamba/phyxmamba model on all of them.")
    String system;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(
      names = "--model",
      required = true,
      description =
          "nvar, esn, mamba or phyxmamba (mamba's training, then stage-2 rollout and MMD"
              + " fine-tuning).")
  String model;

  @Option(names = "--out", required = true, description = "Model directory to write.")
  Path out;

  @Option(
      names = "--epochs",
      description =
          "Most stage-1 epochs for neural models (default "
              + TrainCommand.DEFAULT_EPOCHS
              + "; phyxmamba adds at most 10 of stage 2).")
  Integer epochs;

  @Option(names = "--points", description = "Samples per simulated system (default 1000).")
  Integer points;

  @Option(
      names = "--points-per-lyapunov",
      description = "Sampling density of simulated systems (default 30, the benchmark's).")
  Double pointsPerLyapunov;

  @Option(names = "--context", description = "Context length in samples (default 150).")
  Integer context;

  @Option(
      names = "--horizon",
      description = "Validation horizon in samples, recorded as the model's (default 300).")
  Integer horizon;

  @Option(
      names = "--normalisation",
      description =
          "training (the training data's mean/SD) or per_context (RevIN: each context's own;"
              + " for a model serving several systems). Default training.")
  String normalisation;

  @Option(
      names = "--residual-output",
      description =
          "Mamba decodes each patch as increments on the token's last sample instead of values.")
  boolean residualOutput;

  @Option(
      names = "--lr-schedule",
      description =
          "Mamba's step size: cosine (default; a half cosine from 1e-2 down to 1/20 of it) or"
              + " fixed.")
  String lrSchedule;

  @Option(
      names = "--nvar-residual",
      negatable = true,
      description =
          "Mamba learns the residual of a global NVAR (k, s, alpha chosen on validation) when"
              + " that NVAR alone forecasts at least 2 Lyapunov times over the fitting segment;"
              + " otherwise (and for a CSV, whose Lyapunov exponent is unknown) it trains as usual."
              + " Default: on for mamba and phyxmamba (off with --residual-output).")
  Boolean nvarResidual;

  @Option(
      names = "--ensemble",
      defaultValue = "1",
      description =
          "Train this many models with seeds seed, seed + 1000, ... (esn, mamba, phyxmamba; one"
              + " per core at a time) and serve the mean of their forecasts (default"
              + " ${DEFAULT-VALUE}: one model).")
  int ensemble;

  @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    var options = TrainCommand.Options.defaults();
    if (epochs != null) options = options.withEpochs(epochs);
    options =
        options.with(
            points != null ? points : options.points(),
            context != null ? context : options.contextLength(),
            horizon != null ? horizon : options.horizon(),
            pointsPerLyapunov != null ? pointsPerLyapunov : options.pointsPerLyapunovTime(),
            io.chaoscast.models.mamba.f32.Scaling.perContext(normalisation));
    if (lrSchedule != null && !lrSchedule.equals("fixed") && !lrSchedule.equals("cosine")) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--lr-schedule must be fixed or cosine, not " + lrSchedule);
    }
    options =
        options
            .withMambaRecipe(residualOutput, !"fixed".equals(lrSchedule))
            .withNvarResidual(TrainCommand.nvarResidual(nvarResidual, model, residualOutput))
            .withEnsemble(ensemble);
    String from = source.csv != null ? source.csv.toString() : source.system;
    if (source.csv != null) Arguments.requireFile(source.csv);
    var result = TrainCommand.train(from, model, out, options);
    System.err.println("model written to " + result.modelDir());
    if (json) System.out.println(result.toJson());
    return 0;
  }
}
