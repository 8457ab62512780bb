package io.chaoscast.jobs.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.quality.QualityReplay;
import io.chaoscast.jobs.replay.JobAlertsEval;
import io.chaoscast.jobs.replay.JobReplay;
import io.chaoscast.jobs.replay.ReplayStream;
import io.chaoscast.models.cli.AlertsEvalResult;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioRunner;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.ScenarioSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick scenario suite (every system's stationary control and regime change, and Lorenz sensor
 * faults; 9 streams of 16,000 samples) through the real job on a real broker, with the monitor's
 * defaults, exactly-once delivery, and one injected failure after a checkpoint once a stream has
 * passed its change point (the job restores from that checkpoint). Loose assertions, as in the
 * offline QuickSuiteTest: every change raises an alert, no control raises one. And the alerts the
 * job commits (drift and data quality) are exactly the events of {@code ./forecaster detect}'s code
 * and seed (the data-quality stage, then the monitor) over the same samples, each once.
 */
class DriftAlertsIT {

  @TempDir Path markers;

  @Test
  void shouldAlertOnEveryChangeAndNeverOnAControlExactlyOnceAcrossARestore() throws Exception {
    List<Scenario> scenarios = ScenarioSuite.quick();
    Map<String, ScenarioSeries> series = JobAlertsEval.generate(scenarios);
    List<ReplayStream> streams = JobAlertsEval.streams(scenarios, series);
    JobConfig.DriftSettings drift = JobAlertsEval.settings(scenarios.size());

    List<Alert> alerts;
    try (KafkaFixture kafka = KafkaFixture.start()) {
      alerts =
          new JobReplay(kafka.bootstrapServers(), 2, JobConfig.Delivery.EXACTLY_ONCE, drift, null)
              .run(
                  streams,
                  JobAlertsEval.T0_MILLIS,
                  parsed ->
                      parsed.map(
                          new FailOnceAfterCheckpoint(
                              ScenarioSuite.CHANGE_AT + 1_000, markers.toString())));
    }
    assertThat(Files.list(markers)).as("the injected failure happened").isNotEmpty();

    AlertsEvalResult result =
        JobAlertsEval.score("quick", scenarios, series, alerts, drift.monitorConfig(), 0);
    assertThat(result.outcomes())
        .filteredOn(o -> o.change() != ChangeKind.NONE)
        .hasSize(6)
        .allSatisfy(o -> assertThat(o.detected()).as(o.name()).isTrue());
    assertThat(result.outcomes())
        .allSatisfy(o -> assertThat(o.falseAlarms()).as(o.name()).isZero());

    // Every stream-level event the job commits, data quality included, against `detect`'s path
    // (the data-quality stage, then the monitor over the records it accepts). GAP is left out: a
    // short stream's end is a gap to the job's event time, which the longer streams drive.
    List<String> committed =
        alerts.stream()
            .filter(a -> a.kind() != Alert.Kind.GAP)
            .map(DriftAlertsIT::describe)
            .toList();
    assertThat(committed).isNotEmpty().doesNotHaveDuplicates();
    assertThat(committed)
        .as("the stuck Lorenz sensor's flat line is among them")
        .anyMatch(a -> a.contains(":FLAT_LINE:OPEN:"));
    assertThat(committed)
        .as("the offline data-quality stage's and monitor's events")
        .containsExactlyInAnyOrderElementsOf(offline(streams, drift));
    Alert first =
        alerts.stream()
            .filter(a -> !a.kind().dataQuality() && a.state() == Alert.State.OPEN)
            .findFirst()
            .orElseThrow();
    assertThat(first.signals()).as("which signals fired").isNotEmpty();
    assertThat(first.score()).isGreaterThanOrEqualTo(first.threshold());
    assertThat(first.sinceMillis()).isLessThanOrEqualTo(first.timeMillis());
  }

  /**
   * {@code ./forecaster detect}'s path over the job's event times (ms-rounded), as the topic would
   * show it: the job's data-quality stage, then the monitor over the records it accepts.
   */
  private static List<String> offline(List<ReplayStream> streams, JobConfig.DriftSettings drift) {
    MonitorConfig config = drift.monitorConfig();
    List<String> out = new ArrayList<>();
    for (ReplayStream s : streams) {
      long[] millis = new long[s.times().length];
      for (int i = 0; i < millis.length; i++) {
        millis[i] = JobReplay.eventMillis(JobAlertsEval.T0_MILLIS, s.times()[i]);
      }
      QualityReplay.Result quality =
          QualityReplay.run(JobConfig.defaults().quality(), s.stream(), millis, s.values());
      quality.alerts().stream()
          .filter(a -> a.kind() != Alert.Kind.GAP)
          .forEach(a -> out.add(describe(a)));
      int[] kept = quality.acceptedIndices();
      double[] times = new double[kept.length];
      double[][] values = new double[kept.length][];
      for (int k = 0; k < kept.length; k++) {
        times[k] = millis[kept[k]] / 1000.0;
        values[k] = s.values()[kept[k]];
      }
      for (AlertEvent e :
          ScenarioRunner.monitor(s.stream(), times, values, config, DriftMonitorFunction.SEED)) {
        out.add(describe(DriftAlerts.toAlert(e, config.openZ(), drift.stormMaxOpens())));
      }
    }
    return out;
  }

  private static String describe(Alert a) {
    return a.stream()
        + "@"
        + a.timeMillis()
        + ":"
        + a.kind()
        + ":"
        + a.state()
        + ":"
        + a.severity();
  }

  /**
   * Once any stream has passed {@code afterSamples} samples, waits (slowly passing records on) for
   * a checkpoint and then throws, on the first attempt only (the attempt number comes from Flink).
   */
  static final class FailOnceAfterCheckpoint extends RichMapFunction<Observation, Observation>
      implements CheckpointListener {
    private final int afterSamples;
    private final String markerDir;
    private transient Map<String, Integer> seen;
    private transient volatile boolean armed;
    private transient volatile boolean checkpointed;

    FailOnceAfterCheckpoint(int afterSamples, String markerDir) {
      this.afterSamples = afterSamples;
      this.markerDir = markerDir;
    }

    @Override
    public void open(OpenContext openContext) {
      seen = new HashMap<>();
      armed = false;
      checkpointed = false;
    }

    @Override
    public Observation map(Observation o) throws Exception {
      var info = getRuntimeContext().getTaskInfo();
      if (info.getAttemptNumber() > 0) return o;
      if (seen.merge(o.stream(), 1, Integer::sum) >= afterSamples) armed = true;
      if (armed && checkpointed) {
        Files.createTempFile(
            Path.of(markerDir), "failed-subtask-" + info.getIndexOfThisSubtask(), "");
        throw new IllegalStateException("injected failure");
      }
      if (armed) Thread.sleep(5);
      return o;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (armed) checkpointed = true;
    }
  }
}
