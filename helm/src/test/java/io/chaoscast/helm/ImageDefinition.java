package io.chaoscast.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's build files as the image agreement tests read them: a Dockerfile's lines, a
 * pom's values. No registry is reachable from the build machines, so the images are never built
 * here; what their definitions say is checked instead.
 */
final class ImageDefinition {

  static final Path ROOT = Chart.DIR.getParent().getParent();

  private final Path dockerfile;
  private final List<String> lines;

  private ImageDefinition(Path dockerfile) {
    this.dockerfile = dockerfile;
    this.lines = lines(dockerfile);
  }

  /** The Dockerfile at {@code path}, relative to the repository root. */
  static ImageDefinition of(String path) {
    return new ImageDefinition(ROOT.resolve(path));
  }

  List<String> lines() {
    return lines;
  }

  /** The first line that matches {@code regex} entirely. */
  Matcher match(String regex) {
    Pattern p = Pattern.compile(regex);
    return lines.stream()
        .map(p::matcher)
        .filter(Matcher::matches)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line of " + dockerfile + " matches " + regex));
  }

  /** The first group of {@code regex}'s first match in the file at {@code path} (from the root). */
  static String find(String path, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text(path));
    if (!m.find()) throw new AssertionError("no match for " + regex + " in " + path);
    return m.group(1);
  }

  static String text(String path) {
    return String.join("\n", lines(ROOT.resolve(path)));
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
