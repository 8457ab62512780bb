package io.chaoscast.jobs.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.replay.JobReplay;
import io.chaoscast.jobs.replay.ReplayStream;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioRunner;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.ScenarioSuite;
import io.chaoscast.models.scenarios.SystemFamily;
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
 * Two Lorenz streams through the real job on a real broker, with the monitor's defaults: one whose
 * rho changes at sample 14,000 and a stationary control. The job is killed once after the change
 * and restored from its last checkpoint; the alerts it commits must be exactly those of the offline
 * monitor ({@code ./forecaster detect}'s code and seed) over the same samples, each once.
 */
class DriftAlertsIT {

  private static final long T0 = 1_767_225_600_000L;
  private static final int SAMPLES = 16_000;

  @TempDir Path markers;

  @Test
  void shouldOpenOneDriftAlertAfterTheChangeAndNoneOnTheControlAcrossARestore() throws Exception {
    Scenario change =
        new Scenario(
            SystemFamily.LORENZ, ChangeKind.PARAMETER, 0.02, SAMPLES, ScenarioSuite.CHANGE_AT, 1);
    Scenario control = new Scenario(SystemFamily.LORENZ, ChangeKind.NONE, 0.02, SAMPLES, 0, 1);
    ScenarioSeries changed = change.generate();
    ScenarioSeries stationary = control.generate();
    List<ReplayStream> streams =
        List.of(
            new ReplayStream("changed", changed.times(), changed.values()),
            new ReplayStream("stationary", stationary.times(), stationary.values()));

    List<Alert> alerts;
    try (KafkaFixture kafka = KafkaFixture.start()) {
      alerts =
          new JobReplay(
                  kafka.bootstrapServers(),
                  2,
                  JobConfig.Delivery.EXACTLY_ONCE,
                  JobConfig.DriftSettings.defaults(),
                  null)
              .run(
                  streams,
                  T0,
                  parsed ->
                      parsed.map(new FailOnceAfterCheckpoint(SAMPLES - 600, markers.toString())));
    }
    assertThat(Files.list(markers)).as("the injected failure happened").isNotEmpty();

    List<String> drift =
        alerts.stream().filter(a -> !a.kind().dataQuality()).map(DriftAlertsIT::describe).toList();
    assertThat(drift).as("the offline monitor's events, each once").isEqualTo(offline(streams));
    long changeMillis = JobReplay.eventMillis(T0, changed.changeAtSeconds());
    List<Alert> opened = alerts.stream().filter(a -> a.state() == Alert.State.OPEN).toList();
    assertThat(opened)
        .as("no alert on the stationary stream")
        .noneMatch(a -> a.stream().equals("stationary"));
    assertThat(opened).as("an alert on the changed stream").isNotEmpty();
    assertThat(opened)
        .allSatisfy(a -> assertThat(a.timeMillis()).isGreaterThanOrEqualTo(changeMillis));
    Alert first = opened.get(0);
    assertThat(first.kind().dataQuality()).isFalse();
    assertThat(first.signals()).as("which signals fired").isNotEmpty();
    assertThat(first.score()).isGreaterThanOrEqualTo(first.threshold());
    assertThat(first.sinceMillis()).isLessThanOrEqualTo(first.timeMillis());
  }

  /** The offline monitor over the job's event times (ms-rounded), as the topic would show it. */
  private static List<String> offline(List<ReplayStream> streams) {
    List<AlertEvent> events = new ArrayList<>();
    for (ReplayStream s : streams) {
      double[] times = new double[s.times().length];
      for (int i = 0; i < times.length; i++) {
        times[i] = JobReplay.eventMillis(T0, s.times()[i]) / 1000.0;
      }
      events.addAll(
          ScenarioRunner.monitor(
              s.stream(), times, s.values(), MonitorConfig.defaults(), DriftMonitorFunction.SEED));
    }
    MonitorConfig d = MonitorConfig.defaults();
    return events.stream()
        .sorted((a, b) -> Double.compare(a.timeSeconds(), b.timeSeconds()))
        .map(e -> describe(DriftAlerts.toAlert(e, d.openZ(), 10)))
        .toList();
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
