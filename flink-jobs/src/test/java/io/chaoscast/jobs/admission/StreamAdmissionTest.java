package io.chaoscast.jobs.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.pipeline.SideOutputs;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamAdmissionTest {

  private static final Duration TTL = Duration.ofSeconds(10);

  private StreamAdmission operator;
  private KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness;

  private void open(OperatorSubtaskState restored) throws Exception {
    operator = new StreamAdmission(3, TTL);
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(operator, Observation::stream, Types.STRING);
    if (restored != null) harness.initializeState(restored);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(String stream, long ts) throws Exception {
    harness.processElement(
        new StreamRecord<>(new Observation(stream, ts, new double[] {1}, null, null), ts));
  }

  private long refused() {
    var letters = harness.getSideOutput(SideOutputs.DEAD_LETTERS);
    return letters == null
        ? 0
        : letters.stream()
            .map(StreamRecord::getValue)
            .map(DeadLetter::reason)
            .filter(DeadLetterReason.TOO_MANY_STREAMS::equals)
            .count();
  }

  @Test
  void shouldDeadLetterRecordsOfNewStreamsBeyondTheLimitButKeepTheAdmittedOnes() throws Exception {
    open(null);
    for (String s : new String[] {"a", "b", "c", "d", "e", "a"}) send(s, 1);

    assertThat(harness.extractOutputValues())
        .extracting(Observation::stream)
        .containsExactly("a", "b", "c", "a");
    assertThat(refused()).isEqualTo(2);
    assertThat(operator.liveStreams()).isEqualTo(3);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
    assertThat(harness.getSideOutput(SideOutputs.ALERTS))
        .extracting(StreamRecord::getValue)
        .extracting(Alert::kind, Alert::state)
        .containsExactly(tuple(Alert.Kind.STREAM_LIMIT, Alert.State.OPEN));
  }

  @Test
  void shouldForgetSilentStreamsAfterTheTtlAndAdmitNewOnesInTheirPlace() throws Exception {
    open(null);
    harness.setProcessingTime(0);
    send("a", 1);
    send("b", 1);
    harness.setProcessingTime(6_000);
    send("c", 2);
    send("a", 2); // a stays live: its timer moves on
    harness.setProcessingTime(10_000); // b expires, a's and c's timers move to 16 s
    assertThat(operator.liveStreams()).isEqualTo(2);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);

    send("d", 3);
    send("e", 3);
    assertThat(refused()).isEqualTo(1);

    harness.setProcessingTime(30_000);
    assertThat(operator.liveStreams()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void shouldRecountTheLiveStreamsFromStateWhenRestored() throws Exception {
    open(null);
    send("a", 1);
    send("b", 1);
    send("c", 1);
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    open(snapshot);
    assertThat(operator.liveStreams()).isEqualTo(3);
    send("d", 2);
    send("b", 2);
    assertThat(refused()).isEqualTo(1);
    assertThat(harness.extractOutputValues()).extracting(Observation::stream).containsExactly("b");

    harness.setProcessingTime(TTL.toMillis() + 1); // the restored timers expire them
    assertThat(operator.liveStreams()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void shouldResolveTheAlertOncePeriodPassesWithoutARefusal() throws Exception {
    open(null);
    harness.setProcessingTime(0);
    for (String s : new String[] {"a", "b", "c", "d", "e"}) send(s, 1);
    harness.setProcessingTime(StreamAdmission.ALERT_PERIOD_MS - 1);
    send("a", 2);
    harness.setProcessingTime(StreamAdmission.ALERT_PERIOD_MS + 5);
    send("a", 3);
    send("a", 4);

    assertThat(harness.getSideOutput(SideOutputs.ALERTS))
        .extracting(StreamRecord::getValue)
        .extracting(Alert::state, Alert::score)
        .containsExactly(tuple(Alert.State.OPEN, 3.0), tuple(Alert.State.RESOLVED, 2.0));
  }
}
