package io.chaoscast.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' rule tool, run on the chart's alerting rules: {@code promtool test rules} evaluates
 * them with Prometheus' own rule engine over series with known values. It comes in Debian's {@code
 * prometheus} package, which .ci/run installs.
 */
final class Promtool {

  static final String NOT_INSTALLED =
      "promtool is not installed (.ci/run installs Debian's prometheus package)";

  /** What promtool answered. */
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static boolean installed() {
    return PrometheusQueriesIT.onPath("promtool");
  }

  /**
   * Writes {@code groups} as {@code rules.yaml} in {@code work}, without their annotations
   * (promtool would compare their text too), and {@code tests} (a promtool test file reading {@code
   * rules.yaml}) beside it, then runs {@code promtool test rules} on them.
   */
  static Result testRules(Path work, Iterable<JsonNode> groups, String tests) throws Exception {
    List<JsonNode> evaluated = new ArrayList<>();
    for (JsonNode group : groups) {
      JsonNode copy = group.deepCopy();
      copy.path("rules").forEach(r -> ((ObjectNode) r).remove("annotations"));
      evaluated.add(copy);
    }
    Files.writeString(
        work.resolve("rules.yaml"), Chart.YAML.writeValueAsString(Map.of("groups", evaluated)));
    Path file = work.resolve("tests.yaml");
    Files.writeString(file, tests);
    return run(work, "test", "rules", file.toString());
  }

  /** Runs promtool with {@code args} in {@code work}; fails the test if it takes over 60 s. */
  static Result run(Path work, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Path log = work.resolve("promtool.log");
    Process p =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish within 60 s");
    }
    return new Result(p.exitValue(), Files.readString(log));
  }
}
