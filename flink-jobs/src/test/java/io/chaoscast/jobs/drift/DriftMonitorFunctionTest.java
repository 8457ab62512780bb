package io.chaoscast.jobs.drift;

import static io.chaoscast.jobs.drift.DriftStateCheckpointTest.feed;
import static io.chaoscast.jobs.drift.DriftStateCheckpointTest.monitor;
import static io.chaoscast.jobs.drift.DriftStateCheckpointTest.monitorOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.Signal;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The drift stage's second input (served rollout failures) and its failure isolation. */
class DriftMonitorFunctionTest {

  private static final int ROLLOUT = Signal.ROLLOUT_FAILURE_RATE.ordinal();

  private static double rolloutFailureRate(
      KeyedTwoInputStreamOperatorTestHarness<String, Observation, ServedRolloutFailure, AlertEvent>
          h)
      throws Exception {
    return monitorOf(h, "a").lastSignals().values()[ROLLOUT];
  }

  /** A record no parser makes (values missing): monitoring it throws inside the operator. */
  private static void poison(
      KeyedTwoInputStreamOperatorTestHarness<String, Observation, ServedRolloutFailure, AlertEvent>
          h,
      String stream,
      long ts)
      throws Exception {
    h.processElement1(new StreamRecord<>(new Observation(stream, ts, null, null, null), ts));
  }

  private static List<DeadLetter> deadLetters(
      KeyedTwoInputStreamOperatorTestHarness<String, Observation, ServedRolloutFailure, AlertEvent>
          h) {
    return PipelineTestSupport.sideOutput(h, SideOutputs.DEAD_LETTERS);
  }

  @Test
  void shouldCountTheServedModelsNonFiniteForecastsAsFailedRollouts() throws Exception {
    try (var plain = monitor(null);
        var fed = monitor(null)) {
      feed(plain, "a", 0, 650); // past reference (256) and calibration (256)
      feed(fed, "a", 0, 650);
      assertThat(rolloutFailureRate(fed)).isEqualTo(rolloutFailureRate(plain));
      for (int i = 650; i < 750; i++) {
        fed.processElement2(new StreamRecord<>(new ServedRolloutFailure("a", 1_000L + 10L * i)));
        feed(fed, "a", i, i + 1);
        feed(plain, "a", i, i + 1);
      }
      // every block of the last 100 samples failed for the fed monitor
      assertThat(rolloutFailureRate(fed)).isGreaterThan(rolloutFailureRate(plain));
      assertThat(rolloutFailureRate(fed) - rolloutFailureRate(plain)).isGreaterThanOrEqualTo(0.04);
    }
  }

  @Test
  void shouldIgnoreAServedFailureOfAStreamItDoesNotMonitorYet() throws Exception {
    try (var h = monitor(null)) {
      h.processElement2(new StreamRecord<>(new ServedRolloutFailure("new", 5)));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(deadLetters(h)).isEmpty();
    }
  }

  @Test
  void shouldDeadLetterARecordWhoseMonitoringThrowsAndStartThatStreamsMonitorAfresh()
      throws Exception {
    try (var h = monitor(null)) {
      feed(h, "a", 0, 100);
      feed(h, "b", 0, 100);
      poison(h, "a", 5_000);

      assertThat(deadLetters(h))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.reason()).isEqualTo(DeadLetterReason.INTERNAL_ERROR);
                assertThat(d.message())
                    .startsWith("internal_error: java.lang.NullPointerException");
                assertThat(d.stream()).isEqualTo("a");
              });
      assertThat(monitorOf(h, "a")).isNull(); // an update that threw may have left it half-changed
      assertThat(monitorOf(h, "b")).isNotNull();
      feed(h, "a", 100, 110);
      assertThat(monitorOf(h, "a")).isNotNull();
    }
  }

  @Test
  void shouldStopMonitoringAQuarantinedStreamWithoutDeadLetteringItsRecords() throws Exception {
    try (var h = monitor(null)) {
      h.setProcessingTime(1_000);
      for (int i = 0; i < 3; i++) poison(h, "a", 5_000 + i);
      assertThat(PipelineTestSupport.sideOutput(h, SideOutputs.ALERTS))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.kind()).isEqualTo(Alert.Kind.STREAM_QUARANTINED);
                assertThat(a.details()).contains("drift-monitor");
              });
      feed(h, "a", 0, 20); // the forecast stages have these records: not dead letters here
      assertThat(deadLetters(h)).hasSize(3);
      assertThat(monitorOf(h, "a")).isNull();

      h.setProcessingTime(1_000 + 60_000); // released
      feed(h, "a", 20, 30);
      assertThat(monitorOf(h, "a")).isNotNull();
    }
  }
}
