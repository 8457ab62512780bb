package io.chaoscast.models.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.mamba.MambaTrainer;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PhyxMamba's published Lorenz63 settings against this project's recipe, on validation data only:
 * Lorenz63's bench training series (its first {@link BenchCommand#TRAIN_POINTS} samples at 30
 * points per Lyapunov time; the test series is never simulated), the last 200 of them validating,
 * context 150, the validation score of {@code train}. One unit per (configuration, seed), each
 * written to {@code OUT/units/} when finished and skipped on a rerun; the training checkpoints
 * resume too. Run from the repository root after {@code models/bench.sh -h} has built the
 * classpath:
 *
 * <pre>
 * java -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
 *   io.chaoscast.models.bench.PhyxMambaSettingsStudy OUT EPOCHS SEEDS CONFIGS
 * </pre>
 *
 * e.g. {@code OUT 15 42,43,44 recipe,published}. Configurations: {@code recipe}, {@code train
 * --model mamba} (P = 5, tau and m by AMI / Cao, one head, no stage 2); {@code published}, the
 * settings of PhyxMamba's Lorenz63 command (github.com/changliu01/PhyxMamba, README: token size 10,
 * delay 7, delay dimension 3, 3 prediction steps with loss weight 0.1, MMD weights 1 and 1000,
 * fine-tuning step 1e-4, a 30-step multistep horizon: here K = 3 patches) with this project's
 * network size and stage-1 optimiser (Adam, cosine from 1e-2, input noise 0.01) and context (the
 * protocol's 150 samples, where PhyxMamba's lookback is 30); {@code published-tokens}, only its
 * tokenisation (P = 10, tau 7, m 3) with the recipe's single head and no stage 2.
 */
public final class PhyxMambaSettingsStudy {

  private PhyxMambaSettingsStudy() {}

  static final int CONTEXT = 150;
  static final int HORIZON = 300;

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/phyxmamba-settings");
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    long[] seeds =
        Arrays.stream((args.length > 2 ? args[2] : "42,43,44").split(","))
            .mapToLong(Long::parseLong)
            .toArray();
    List<String> configs =
        List.of((args.length > 3 ? args[3] : "recipe,published,published-tokens").split(","));
    Path units = out.resolve("units");
    Files.createDirectories(units);
    ObjectMapper json = new ObjectMapper();
    Dataset train = Dataset.simulate("lorenz63", BenchCommand.TRAIN_POINTS);
    int trainEnd = (int) Math.round(train.size() * 0.8);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String config : configs) {
      for (long seed : seeds) {
        String unit = config + "__seed" + seed;
        Path file = units.resolve(unit + ".json");
        if (Files.isRegularFile(file)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> row = json.readValue(file.toFile(), Map.class);
          rows.add(row);
          continue;
        }
        long start = System.nanoTime();
        TrainedModel t =
            MambaTrainer.train(
                train,
                trainEnd,
                CONTEXT,
                HORIZON,
                options(config, epochs, seed),
                stage2(config, epochs),
                out.resolve("models").resolve(unit).resolve("checkpoints"),
                System.err);
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluationResult v = t.validation();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("config", config);
        row.put("seed", seed);
        row.put("validation_vpt_lyapunov", v.vptLyapunov());
        row.put("validation_vpt_lyapunov_median", v.vptLyapunovMedian());
        row.put("validation_smape_horizon", v.smapeHorizon());
        row.put("train_seconds", seconds);
        row.put("hyperparameters", t.hyperparameters());
        if (t.forecaster() instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            throw new IOException(e);
          }
        }
        Path part = units.resolve(unit + ".json.part");
        json.writeValue(part.toFile(), row);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        rows.add(row);
        System.err.printf(
            Locale.ROOT,
            "[study] %s: validation VPT %.2f LT, %.0f s%n",
            unit,
            v.vptLyapunov(),
            seconds);
      }
    }
    String command =
        "java -cp ... io.chaoscast.models.bench.PhyxMambaSettingsStudy "
            + out
            + " "
            + epochs
            + " "
            + String.join(",", Arrays.stream(seeds).mapToObj(String::valueOf).toList())
            + " "
            + String.join(",", configs);
    Files.writeString(out.resolve("results.md"), markdown(command, epochs, configs, rows));
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("command", command);
    all.put("rows", rows);
    json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("results.json").toFile(), all);
    System.err.print(Files.readString(out.resolve("results.md")));
  }

  static MambaTrainer.Options options(String config, int epochs, long seed) {
    MambaTrainer.Options recipe = MambaTrainer.Options.defaults(epochs, seed);
    return switch (config) {
      case "recipe" -> recipe;
      case "published" ->
          withPatch(recipe, 10)
              .withEmbedding(7, 3)
              .withRecipe(MambaTrainer.Recipe.PHYXMAMBA.withAuxiliaryWeight(0.1));
      case "published-tokens" -> withPatch(recipe, 10).withEmbedding(7, 3);
      default -> throw new IllegalArgumentException("unknown configuration " + config);
    };
  }

  static MambaTrainer.Stage2 stage2(String config, int epochs) {
    if (!config.equals("published")) return null;
    return new MambaTrainer.Stage2(
        3, 16, 20, Math.max(1, (epochs + 2) / 3), 4, 1e-4f, 1.0, 1000.0, 1.0, 1.0);
  }

  private static MambaTrainer.Options withPatch(MambaTrainer.Options o, int patch) {
    return new MambaTrainer.Options(
        patch,
        o.modelDim(),
        o.layers(),
        o.stateDim(),
        o.batchSize(),
        o.stepsPerEpoch(),
        o.maxEpochs(),
        o.patience(),
        o.learningRate(),
        o.seed(),
        o.perContext(),
        o.recipe(),
        o.embeddingDelay(),
        o.embeddingDimension());
  }

  static String markdown(
      String command, int epochs, List<String> configs, List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("# PhyxMamba's published Lorenz63 settings against the recipe, validation only\n\n")
        .append("Command: `")
        .append(command)
        .append("`\n\n")
        .append("Lorenz63, the bench's training series (1,000 points at 30 per Lyapunov time; the")
        .append(" test series is never simulated); selection and scores on its last 200 points")
        .append(" (10 origins, horizon 100 steps = 3.3 LT, so VPT <= 3.33), context 150; at most ")
        .append(epochs)
        .append(" stage-1 epochs (patience 10); `published` adds at most ")
        .append(Math.max(1, (epochs + 2) / 3))
        .append(" stage-2 epochs (patience 4).\n\n")
        .append("| configuration | seeds | validation VPT mean (LT) | SD over seeds | per seed |")
        .append(" train s (mean) |\n|---|---:|---:|---:|---|---:|\n");
    for (String config : configs) {
      List<Map<String, Object>> own =
          rows.stream().filter(r -> config.equals(r.get("config"))).toList();
      if (own.isEmpty()) continue;
      double[] v =
          own.stream()
              .mapToDouble(r -> ((Number) r.get("validation_vpt_lyapunov")).doubleValue())
              .toArray();
      double mean = Arrays.stream(v).average().orElse(Double.NaN);
      double sd =
          v.length < 2
              ? Double.NaN
              : Math.sqrt(
                  Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
      String perSeed =
          String.join(
              ", ",
              own.stream()
                  .map(
                      r ->
                          String.format(
                              Locale.ROOT,
                              "%s: %.2f",
                              r.get("seed"),
                              ((Number) r.get("validation_vpt_lyapunov")).doubleValue()))
                  .toList());
      double seconds =
          own.stream()
              .mapToDouble(r -> ((Number) r.get("train_seconds")).doubleValue())
              .average()
              .orElse(Double.NaN);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.2f | %s | %s | %.0f |%n",
              config,
              own.size(),
              mean,
              Double.isFinite(sd) ? String.format(Locale.ROOT, "%.2f", sd) : "-",
              perSeed,
              seconds));
    }
    return sb.toString();
  }
}
