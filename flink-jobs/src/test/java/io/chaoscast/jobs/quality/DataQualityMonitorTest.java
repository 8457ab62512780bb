package io.chaoscast.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Alert.Kind;
import io.chaoscast.connectors.schema.Alert.State;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig.QualitySettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataQualityMonitorTest {

  /** gap factor 5, warm-up 10, flat line 4, NaN burst 3 of the last 5, channel change after 2. */
  private final DataQualityMonitor monitor =
      new DataQualityMonitor(new QualitySettings(5.0, 10, 4, 5, 3, 2));

  private final QualityState state = new QualityState();
  private final List<Alert> alerts = new ArrayList<>();
  private long t = 1_000;

  private DataQualityMonitor.Outcome send(double... values) {
    var outcome = monitor.observe(state, new Observation("s", t, values, null, null));
    alerts.addAll(outcome.alerts());
    t += 10;
    return outcome;
  }

  private void sendMoving(int n) {
    for (int i = 0; i < n; i++) send(Math.sin(t), Math.cos(t));
  }

  @Test
  void shouldStaySilentOnAHealthyStream() {
    sendMoving(100);
    assertThat(alerts).isEmpty();
    assertThat(state.intervalMs).isEqualTo(10.0);
    assertThat(state.gapDeadline).isEqualTo(state.lastTimestamp + 50);
  }

  @Test
  void shouldOpenAGapAtTheDeadlineAndResolveItWhenRecordsResume() {
    sendMoving(20);
    long deadline = state.gapDeadline;

    assertThat(monitor.onDeadline(state, "s", deadline - 1)).isNull();
    Alert gap = monitor.onDeadline(state, "s", deadline);
    t = deadline + 100;
    sendMoving(1);

    assertThat(gap.kind()).isEqualTo(Kind.GAP);
    assertThat(gap.state()).isEqualTo(State.OPEN);
    assertThat(gap.score()).isEqualTo(5.0);
    assertThat(gap.threshold()).isEqualTo(5.0);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Kind.GAP);
              assertThat(a.state()).isEqualTo(State.RESOLVED);
            });
  }

  @Test
  void shouldNotArmTheGapDeadlineBeforeTheIntervalIsLearned() {
    sendMoving(5);
    assertThat(state.gapDeadline).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void shouldOpenAFlatLineWhenOneChannelRepeatsAndResolveWhenItMoves() {
    sendMoving(3);
    for (int i = 0; i < 3; i++) send(1.0 + i, 7.0);
    assertThat(alerts).isEmpty(); // 7.0 seen 3 times so far
    send(9.0, 7.0);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Kind.FLAT_LINE);
              assertThat(a.state()).isEqualTo(State.OPEN);
              assertThat(a.score()).isEqualTo(4.0);
              assertThat(a.details()).contains("channel 1");
            });
    send(9.5, 7.5);
    assertThat(alerts).last().extracting(Alert::state).isEqualTo(State.RESOLVED);
  }

  @Test
  void shouldRejectEveryNonFiniteRecordButAlertOnlyOnABurst() {
    sendMoving(5);
    assertThat(send(Double.NaN, 1).rejection()).isEqualTo(DeadLetterReason.NON_FINITE_VALUE);
    sendMoving(1);
    assertThat(send(1, Double.POSITIVE_INFINITY).accepted()).isFalse();
    assertThat(alerts).isEmpty(); // 2 of the last 5
    send(Double.NaN, Double.NaN); // 3 of the last 5
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Kind.NAN_BURST);
              assertThat(a.state()).isEqualTo(State.OPEN);
              assertThat(a.score()).isEqualTo(3.0);
            });
    sendMoving(4);
    assertThat(alerts).hasSize(1); // the oldest NaN of the burst is still in the window
    sendMoving(1);
    assertThat(alerts)
        .last()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Kind.NAN_BURST);
              assertThat(a.state()).isEqualTo(State.RESOLVED);
            });
  }

  @Test
  void shouldRejectAStrayChannelCountAndKeepTheStreams() {
    sendMoving(5);
    assertThat(send(1, 2, 3).rejection()).isEqualTo(DeadLetterReason.CHANNEL_COUNT_MISMATCH);
    assertThat(send(0.5, 0.25).accepted()).isTrue();
    assertThat(send(1, 2, 3).rejection()).isEqualTo(DeadLetterReason.CHANNEL_COUNT_MISMATCH);
    assertThat(alerts).isEmpty();
    assertThat(state.channels).isEqualTo(2);
  }

  @Test
  void shouldRelearnAChannelCountThatPersistsAndAlertOnce() {
    sendMoving(5);
    assertThat(send(1, 2, 3).rejection()).isEqualTo(DeadLetterReason.CHANNEL_COUNT_MISMATCH);
    assertThat(alerts).isEmpty();
    assertThat(send(1, 2, 3).accepted()).isTrue(); // the second in a row: re-learned
    assertThat(state.channels).isEqualTo(3);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Kind.CHANNEL_COUNT_CHANGE);
              assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
              assertThat(a.score()).isEqualTo(3.0);
              assertThat(a.threshold()).isEqualTo(2.0);
            });
    assertThat(send(4, 5, 6).accepted()).isTrue();
    assertThat(alerts).last().extracting(Alert::state).isEqualTo(State.RESOLVED);
    assertThat(send(0.5, 0.25).rejection()).isEqualTo(DeadLetterReason.CHANNEL_COUNT_MISMATCH);
  }

  @Test
  void shouldRecoverFromAWrongFirstRecord() {
    assertThat(send(1, 2, 3, 4).accepted()).isTrue(); // the first record fixes the count
    assertThat(send(0.5, 0.25).accepted()).isFalse();
    assertThat(send(0.6, 0.35).accepted()).isTrue();
    sendMoving(20);
    assertThat(state.channels).isEqualTo(2);
    assertThat(alerts).extracting(Alert::state).containsExactly(State.OPEN, State.RESOLVED);
  }

  @Test
  void shouldCountOnlyConsistentRecordsTowardsARelearn() {
    sendMoving(5);
    send(1, 2, 3);
    send(1, 2, 3, 4);
    send(1, 2, 3);
    assertThat(state.channels).isEqualTo(2);
    assertThat(alerts).isEmpty();
  }
}
