package io.chaoscast.models.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioOutcome;
import io.chaoscast.models.scenarios.ScenarioRunner;
import io.chaoscast.models.scenarios.ScenarioSuite;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./forecaster alerts-eval [--suite quick|full]}: runs the drift monitor (the defaults of
 * {@code detect}) over the scenarios of {@link ScenarioSuite} and scores it. The full suite is
 * resumable: each finished scenario writes {@code <name>.json} under the results folder and a rerun
 * skips scenarios whose file exists. A progress line (done/total, scenarios per minute, ETA) goes
 * to the given stream after every scenario.
 */
public final class AlertsEvalCommand {

  /** Where the full suite keeps its per-scenario results by default. */
  public static final Path DEFAULT_FULL_RESULTS = Path.of("target", "alerts-eval-full");

  private AlertsEvalCommand() {}

  /** quick: in memory, no progress; full: resumable under {@link #DEFAULT_FULL_RESULTS}. */
  public static AlertsEvalResult run(String suite) {
    return suite.equals("full")
        ? run(suite, DEFAULT_FULL_RESULTS, System.err)
        : run(suite, null, null);
  }

  /**
   * @param resultsDir folder for per-scenario results (null: keep nothing, recompute everything)
   * @param progress where progress lines go (null: silent)
   */
  public static AlertsEvalResult run(String suite, Path resultsDir, PrintStream progress) {
    List<Scenario> scenarios = ScenarioSuite.named(suite);
    MonitorConfig config = MonitorConfig.defaults();
    ObjectMapper json = new ObjectMapper();
    List<ScenarioOutcome> outcomes = new ArrayList<>();
    long start = System.nanoTime();
    int computed = 0;
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      Path file = resultsDir == null ? null : resultsDir.resolve(s.name() + ".json");
      ScenarioOutcome o;
      try {
        if (file != null && Files.exists(file)) {
          o =
              ScenarioOutcome.fromMap(
                  json.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {}));
        } else {
          o = ScenarioRunner.run(s, config);
          computed++;
          if (file != null) {
            AtomicFiles.writeJson(file, json, o.toMap());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      outcomes.add(o);
      if (progress != null) {
        double minutes = (System.nanoTime() - start) / 6e10;
        double rate = computed / Math.max(minutes, 1e-9);
        int left = scenarios.size() - i - 1;
        progress.printf(
            Locale.ROOT,
            "[%d/%d] %s: %s; %.1f scenarios/min, ETA %s%n",
            i + 1,
            scenarios.size(),
            s.name(),
            o.detected()
                ? String.format(
                    Locale.ROOT, "detected after %.2f %s", o.delayUnits(), o.family().timeUnit())
                : "no detection",
            rate,
            computed == 0 ? "-" : String.format(Locale.ROOT, "%.1f min", left / rate));
      }
    }
    return new AlertsEvalResult(suite, outcomes);
  }
}
