package io.chaoscast.jobs.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArrivalOrderGuardTest {

  private KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ArrivalOrderGuard(Duration.ofHours(1))),
            Observation::stream,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(String stream, long ts) throws Exception {
    harness.processElement(
        new StreamRecord<>(new Observation(stream, ts, new double[] {ts}, null, null), ts));
  }

  @Test
  void shouldPassInOrderRecordsAtOnceWithoutWaitingForTheWatermark() throws Exception {
    send("a", 10);
    send("b", 5);
    send("a", 20);

    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .containsExactly("a@10", "b@5", "a@20");
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldSendRecordsNotNewerThanTheirStreamsLastToTheDeadLetters() throws Exception {
    send("a", 50);
    send("a", 50);
    send("a", 40);
    send("b", 40); // another stream's clock is its own

    assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
        .extracting(StreamRecord::getValue)
        .extracting(DeadLetter::reason)
        .containsExactly(DeadLetterReason.DUPLICATE_TIMESTAMP, DeadLetterReason.LATE);
    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .containsExactly("a@50", "b@40");
  }

  @Test
  void shouldForgetAStreamsLastTimeOnceItWasSilentForTheStateTtl() throws Exception {
    harness.setStateTtlProcessingTime(0);
    send("a", 50);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // the expiry timer
    long expiry = StreamStateTtl.expiryTimer(0, Duration.ofHours(1));
    harness.setStateTtlProcessingTime(expiry);
    harness.setProcessingTime(expiry); // it fires: the stream's entry is removed
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();

    send("a", 40); // passes: the stream starts afresh
    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .containsExactly("a@50", "a@40");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
