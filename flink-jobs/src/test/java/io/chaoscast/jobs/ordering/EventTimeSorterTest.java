package io.chaoscast.jobs.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.pipeline.SideOutputs;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTimeSorterTest {

  private KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new EventTimeSorter()), Observation::stream, Types.STRING);
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
  void shouldEmitEachStreamInEventTimeOrderOnceTheWatermarkPasses() throws Exception {
    send("a", 30);
    send("a", 10);
    send("b", 15);
    send("a", 20);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark(25);

    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .containsExactly("a@10", "b@15", "a@20");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // a@30 is still waiting
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(30);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldSendLateAndDuplicateRecordsToTheDeadLetters() throws Exception {
    send("a", 50);
    send("a", 50);
    harness.processWatermark(40);
    send("a", 40);

    assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
        .extracting(StreamRecord::getValue)
        .extracting(DeadLetter::reason)
        .containsExactly(DeadLetterReason.DUPLICATE_TIMESTAMP, DeadLetterReason.LATE);
    harness.processWatermark(60);
    assertThat(harness.extractOutputValues()).hasSize(1);
  }
}
