package io.chaoscast.jobs.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.models.cli.CsvSeries;
import io.chaoscast.models.cli.DetectCommand;
import io.chaoscast.models.cli.DetectResult;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * With the job's default settings a stream sampled once a minute is monitored within 1,000 samples:
 * a level shift at sample 980 raises an ANOMALY in the job's drift stage and the same one in {@code
 * detect}, which says from which sample it monitored.
 */
class DriftWarmupTest {

  private static final int SAMPLES = 1_000;
  private static final int SHIFT_AT = 980;
  private static final long INTERVAL_MS = 60_000;

  @Test
  void theJobAndDetectMonitorAMinuteSampledStreamWithinAThousandSamples() throws Exception {
    ScenarioSeries lorenz =
        new Scenario(SystemFamily.LORENZ, ChangeKind.NONE, 0.02, SAMPLES, 0, 3).generate();
    double[] times = new double[SAMPLES];
    double[][] values = new double[SAMPLES][];
    for (int t = 0; t < SAMPLES; t++) {
      times[t] = (1_700_000_000_000L + t * INTERVAL_MS) / 1000.0;
      values[t] = lorenz.values()[t].clone();
      if (t >= SHIFT_AT) values[t][0] += 25; // about three standard deviations of x
    }
    MonitorConfig config = JobConfig.defaults().drift().monitorConfig();
    assertThat(config).isEqualTo(MonitorConfig.defaults());

    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new DriftMonitorFunction(
                    config, Duration.ofDays(1), new Quarantine(3, 60_000, "drift-monitor"))),
            Observation::stream,
            ServedRolloutFailure::stream,
            Types.STRING);
    ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
    h.open();
    for (int t = 0; t < SAMPLES; t++) {
      long ts = Math.round(times[t] * 1000);
      h.processElement1(new StreamRecord<>(new Observation("s", ts, values[t], null, null), ts));
    }
    List<AlertEvent> job = h.extractOutputValues();
    h.close();
    assertThat(job).isNotEmpty();
    AlertEvent first = job.get(0);
    assertThat(first.phase()).isEqualTo(AlertPhase.OPEN);
    assertThat(first.kind()).isEqualTo(AlertKind.ANOMALY);
    assertThat(first.timeSeconds()).isBetween(times[SHIFT_AT], times[SAMPLES - 1]);

    DetectResult detect =
        DetectCommand.detect(new CsvSeries(List.of("x", "y", "z"), times, values), "s", config);
    assertThat(detect.monitoredFromSample()).isBetween(1, SHIFT_AT);
    assertThat(detect.alerts()).hasSize(1);
    assertThat(detect.alerts().get(0).kind()).isEqualTo(first.kind());
    assertThat(detect.alerts().get(0).openedAtSeconds()).isEqualTo(first.timeSeconds());
  }
}
