package io.chaoscast.jobs.lifecycle;

import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.serving.ServedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Loads a model artifact for the job on the configured device and checks that it can forecast from
 * the job's context windows.
 */
public final class ModelLoader {

  public static final Set<String> DEVICES = Set.of("cpu", "gpu", "auto");

  private ModelLoader() {}

  /**
   * @param path the artifact directory (the configured one or an announced one)
   * @param version null: the manifest's model id
   * @throws IllegalArgumentException naming what is wrong with the artifact
   */
  public static LiveModel load(ModelEntry entry, String path, String version, int contextLength) {
    Path dir = Path.of(path);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(path + " is not a directory");
    }
    ServedModel served;
    try {
      served = ServedModel.load(entry.name(), dir, entry.device());
    } catch (Exception e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (served.minContextLength() > contextLength) {
      closeQuietly(served);
      throw new IllegalArgumentException(
          path
              + " needs contexts of at least "
              + served.minContextLength()
              + " samples; forecast.context_length is "
              + contextLength);
    }
    String v = version == null || version.isBlank() ? served.version() : version;
    return new LiveModel(
        entry.name(), v, entry.name() + "/" + v, served.forecaster(), served.channels(), served);
  }

  /** Null when the artifact loads and fits, else what is wrong. */
  public static String check(ModelEntry entry, String path, int contextLength) {
    try (LiveModel m = load(entry, path, null, contextLength)) {
      return null;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // already failing with the more useful message
    }
  }
}
