package io.chaoscast.jobs.replay;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.models.cli.AlertsEvalResult;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioOutcome;
import io.chaoscast.models.scenarios.ScenarioRunner;
import io.chaoscast.models.scenarios.ScenarioRunner.Opening;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.ScenarioSuite;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * {@code ./forecaster alerts-eval --suite quick|full|tuning|heldout}: every scenario of the suite
 * becomes one stream of one replay through the real job ({@link JobReplay}: embedded Kafka, the job
 * on a local MiniCluster with its drift defaults), and the alerts it committed are scored against
 * the ground truth as in the offline evaluation (docs/drift.md, "Evaluation").
 *
 * <p>Two choices make the replay measure what the per-stream monitor does: the storm guard's limit
 * is raised above the number of streams (the suite's changes happen at the same moment on many
 * streams, which the guard would rightly fold into one DRIFT_STORM), and GAP alerts are not scored
 * (streams of a replay end at different event times, and event time moves on after the shorter ones
 * end). Every other kind counts, including the data-quality ones: FLAT_LINE is how the job sees a
 * stuck sensor.
 */
public final class JobAlertsEval {

  /** Event time of the replay's first sample (2026-01-01T00:00:00Z). */
  public static final long T0_MILLIS = 1_767_225_600_000L;

  private JobAlertsEval() {}

  public static AlertsEvalResult run(String suite, int parallelism, PrintStream progress)
      throws Exception {
    List<Scenario> scenarios = ScenarioSuite.named(suite);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      return run(suite, scenarios, broker.bootstrapServers(), parallelism, progress);
    }
  }

  public static AlertsEvalResult run(
      String suite,
      List<Scenario> scenarios,
      String bootstrapServers,
      int parallelism,
      PrintStream progress)
      throws Exception {
    long start = System.nanoTime();
    Map<String, ScenarioSeries> series = generate(scenarios);
    JobConfig.DriftSettings drift = settings(scenarios.size());
    List<Alert> alerts =
        new JobReplay(
                bootstrapServers, parallelism, JobConfig.Delivery.AT_LEAST_ONCE, drift, progress)
            .run(streams(scenarios, series), T0_MILLIS, UnaryOperator.identity());
    return score(
        suite, scenarios, series, alerts, drift.monitorConfig(), (System.nanoTime() - start) / 1e9);
  }

  /** Each scenario's series, by scenario name. */
  public static Map<String, ScenarioSeries> generate(List<Scenario> scenarios) {
    Map<String, ScenarioSeries> series = new HashMap<>();
    for (Scenario s : scenarios) series.put(s.name(), s.generate());
    return series;
  }

  /** One replay stream per scenario, named after it. */
  public static List<ReplayStream> streams(
      List<Scenario> scenarios, Map<String, ScenarioSeries> series) {
    List<ReplayStream> streams = new ArrayList<>();
    for (Scenario s : scenarios) {
      ScenarioSeries x = series.get(s.name());
      streams.add(new ReplayStream(s.name(), x.times(), x.values()));
    }
    return streams;
  }

  /**
   * The job's drift defaults with the storm limit above what the streams can open at once: one
   * alert of each per-stream kind (drift kinds and ANOMALY) per stream.
   */
  public static JobConfig.DriftSettings settings(int streams) {
    JobConfig.DriftSettings d = JobConfig.DriftSettings.defaults();
    return new JobConfig.DriftSettings(
        d.enabled(),
        d.referenceSamples(),
        d.calibrationSamples(),
        d.hop(),
        d.window(),
        d.openZ(),
        d.tailFactor(),
        d.resolveZ(),
        d.criticalZ(),
        d.corroboration(),
        d.minDurationBlocks(),
        d.resolveBlocks(),
        d.cooldownBlocks(),
        d.stormWindowMs(),
        streams * (AlertKind.values().length - 1) + 1,
        d.referenceSeconds(),
        d.calibrationSeconds(),
        d.baselineHalfLifeBlocks(),
        d.anomalyTailProbability());
  }

  /** Scores the committed alerts of a replay against each scenario's ground truth. */
  public static AlertsEvalResult score(
      String suite,
      List<Scenario> scenarios,
      Map<String, ScenarioSeries> series,
      List<Alert> alerts,
      MonitorConfig config,
      double wallSeconds) {
    Map<String, List<Opening>> opens = openings(alerts);
    List<ScenarioOutcome> outcomes = new ArrayList<>();
    for (Scenario s : scenarios) {
      outcomes.add(
          ScenarioRunner.score(
              s,
              series.get(s.name()),
              opens.getOrDefault(s.name(), List.of()),
              config,
              wallSeconds / scenarios.size()));
    }
    return new AlertsEvalResult(suite, outcomes);
  }

  /** The scored OPEN alerts per stream, on the scenarios' clock, in time order. */
  static Map<String, List<Opening>> openings(List<Alert> alerts) {
    return alerts.stream()
        .filter(a -> a.state() == Alert.State.OPEN && a.kind() != Alert.Kind.GAP)
        .sorted((a, b) -> Long.compare(a.timeMillis(), b.timeMillis()))
        .collect(
            Collectors.groupingBy(
                Alert::stream,
                Collectors.mapping(
                    a ->
                        new Opening(
                            (a.timeMillis() - T0_MILLIS) / 1000.0,
                            a.kind().name(),
                            a.signals().isEmpty()
                                ? a.kind().name().toLowerCase(java.util.Locale.ROOT)
                                : a.signals().stream()
                                    .map(
                                        x ->
                                            x.signal()
                                                + "("
                                                + String.join("+", x.detectors())
                                                + ")")
                                    .collect(Collectors.joining(" "))),
                    Collectors.toList())));
  }
}
