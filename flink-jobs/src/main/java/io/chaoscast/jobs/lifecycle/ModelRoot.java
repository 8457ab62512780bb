package io.chaoscast.jobs.lifecycle;

import io.chaoscast.models.artifact.ConfinedPaths;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * The directory ({@code model_root}) every model artifact the job loads must lie under. Anyone who
 * can write to the models topic can announce a path, so the path is taken as data, not as a trusted
 * location: it is normalised and resolved to its real path (symbolic links followed) before the
 * check, and the real path is what gets loaded.
 *
 * @param dir the root directory; null: none configured, every announcement is refused
 */
public record ModelRoot(String dir) implements Serializable {

  /**
   * The real path of an announced artifact directory; a relative path is taken relative to the
   * root.
   *
   * @throws IllegalArgumentException saying why the path is refused
   */
  public Path announced(String path) {
    if (dir == null) {
      throw new IllegalArgumentException(
          "model_root is not configured, so no announced path is accepted");
    }
    return ConfinedPaths.realPathInside(Path.of(dir), path, "path '" + abbreviated(path) + "'");
  }

  /**
   * The problem with a configured artifact path (relative to the working directory, as every
   * configured path), or null when it lies under the root or no root is configured.
   */
  public String problemWithConfigured(String path) {
    if (dir == null) return null;
    try {
      ConfinedPaths.realPathInside(
          Path.of(dir), Path.of(path).toAbsolutePath().toString(), "'" + abbreviated(path) + "'");
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage() + " (model_root)";
    }
  }

  /** Paths from the topic end up in dead-letter headers, so their length is bounded there. */
  private static String abbreviated(String path) {
    return path.length() <= 160 ? path : path.substring(0, 157) + "...";
  }
}
