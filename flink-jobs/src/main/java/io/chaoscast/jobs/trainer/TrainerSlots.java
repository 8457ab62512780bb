package io.chaoscast.jobs.trainer;

import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Sets a job up for the trainer when its streams are known in advance (the demo): one challenger
 * slot per stream, {@code trained-<stream>}, with a routing rule of its own before the others. The
 * job loads every configured model at start, so each slot starts with a placeholder artifact: an
 * NVAR fitted on Gaussian noise of the stream's channel count, which forecasts about the mean and
 * so never beats a champion; the trainer's first announcement for the stream replaces it.
 */
public final class TrainerSlots {

  /** Prefix of the slot names. */
  public static final String PREFIX = "trained-";

  private TrainerSlots() {}

  /**
   * @param champions stream id to the model that serves it (its champion)
   * @param channels stream id to its channel count
   * @param modelRoot where the placeholders are written (the job's model_root)
   * @return the models and rules to add to the job's configuration
   */
  public static Setup create(
      Map<String, String> champions,
      Map<String, Integer> channels,
      Path modelRoot,
      int contextLength)
      throws IOException {
    Map<Integer, Path> placeholders = new HashMap<>();
    List<JobConfig.ModelEntry> models = new ArrayList<>();
    List<JobConfig.RouteRule> rules = new ArrayList<>();
    for (var e : champions.entrySet()) {
      int c = channels.get(e.getKey());
      Path placeholder = placeholders.get(c);
      if (placeholder == null) {
        placeholder = placeholder(modelRoot.resolve("placeholder-" + c + "ch"), c, contextLength);
        placeholders.put(c, placeholder);
      }
      String slot = PREFIX + e.getKey();
      models.add(new JobConfig.ModelEntry(slot, placeholder.toString(), "cpu", "placeholder"));
      rules.add(new JobConfig.RouteRule(Pattern.quote(e.getKey()), e.getValue(), slot));
    }
    return new Setup(models, rules);
  }

  /** What to add to a job's configuration. */
  public record Setup(List<JobConfig.ModelEntry> models, List<JobConfig.RouteRule> rules) {}

  private static Path placeholder(Path dir, int channels, int contextLength) throws IOException {
    // Enough for NVAR on 8 channels (its k=3 candidate needs about 650 samples in its 80% fit).
    int n = Math.max(1000, (int) Math.ceil(contextLength / 0.8) + 10);
    Random noise = new Random(17);
    double[][] values = new double[n][channels];
    for (double[] v : values) for (int c = 0; c < channels; c++) v[c] = noise.nextGaussian();
    var options =
        TrainCommand.Options.defaults()
            .with(n, contextLength, 5, Dataset.POINTS_PER_LYAPUNOV_TIME, false);
    return TrainCommand.train(
            new Dataset("placeholder-noise", values, 0.01, Double.NaN), "nvar", dir, options)
        .modelDir();
  }
}
