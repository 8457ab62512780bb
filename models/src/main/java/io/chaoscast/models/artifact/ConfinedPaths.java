package io.chaoscast.models.artifact;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Keeps paths that come from data (a manifest's file names, an announced artifact directory) inside
 * a trusted directory. A path is checked twice: once normalised, which catches {@code ../} and
 * absolute paths with a clear message, and once by its real path, which catches symbolic links
 * (anywhere along the path) that lead out. The real path is what callers should open afterwards, so
 * a link cannot be swapped in between the check and the use of the checked name.
 */
public final class ConfinedPaths {

  private ConfinedPaths() {}

  /**
   * The real path of {@code candidate}, which must exist and lie inside {@code dir} (or be it).
   * Relative candidates are taken relative to {@code dir}.
   *
   * @param what names the candidate in the message, e.g. {@code "weights file 'w.json'"}
   * @throws IllegalArgumentException saying why the candidate is refused, naming {@code dir}
   */
  public static Path realPathInside(Path dir, String candidate, String what) {
    Path base = dir.toAbsolutePath().normalize();
    Path target;
    try {
      target = base.resolve(candidate).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(what + " is not a valid path");
    }
    if (!target.startsWith(base)) {
      throw new IllegalArgumentException(what + " is outside " + base);
    }
    Path realBase;
    Path realTarget;
    try {
      realBase = base.toRealPath();
      realTarget = target.toRealPath();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + " is missing");
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " cannot be resolved: " + e.getMessage());
    }
    if (!realTarget.startsWith(realBase)) {
      throw new IllegalArgumentException(
          what + " leads through a symbolic link to " + realTarget + ", outside " + base);
    }
    return realTarget;
  }
}
