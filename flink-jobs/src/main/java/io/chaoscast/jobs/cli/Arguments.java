package io.chaoscast.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of command-line arguments that several commands share; failures exit with status 2. */
final class Arguments {

  private Arguments() {}

  /** The path, if it is a readable regular file; otherwise says which file is missing. */
  static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
    return file;
  }

  /** The path, if it is a model artifact directory (has a manifest.json); otherwise says so. */
  static Path requireModelDir(Path dir, String option) {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      throw new IllegalArgumentException(
          option + ": " + dir + " is not a model directory (no manifest.json)");
    }
    return dir;
  }
}
