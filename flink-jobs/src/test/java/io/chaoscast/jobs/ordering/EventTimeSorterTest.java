package io.chaoscast.jobs.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.pipeline.SideOutputs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTimeSorterTest {

  private static final long QUARANTINE_MS = 5_000;

  private KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness;

  @BeforeEach
  void open() throws Exception {
    harness = harness(false);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness(
      boolean adaptive) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new EventTimeSorter(
                Duration.ofHours(1),
                new Quarantine(3, QUARANTINE_MS, "event-time-sort"),
                adaptive)),
        Observation::stream,
        Types.STRING);
  }

  /**
   * A record that cannot be written into state: its channel list throws when serialised. The parser
   * never makes one; it stands for whatever one record can make the state backend throw.
   */
  private static Observation unserialisable(String stream, long ts) {
    List<String> channels =
        new AbstractList<>() {
          @Override
          public String get(int index) {
            throw new IllegalStateException("cannot be read");
          }

          @Override
          public int size() {
            throw new IllegalStateException("cannot be read");
          }
        };
    var source =
        new SourceRecord(
            "obs", 0, ts, ts, null, (stream + "@" + ts).getBytes(StandardCharsets.UTF_8));
    return new Observation(stream, ts, new double[] {ts}, channels, source);
  }

  /** With RocksDB, the chart's state backend: it serialises every buffered record. */
  @Test
  void shouldDeadLetterARecordThatCannotBeBufferedAndKeepEveryStreamGoing() throws Exception {
    harness.close();
    harness = harness(false);
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.open();
    harness.setProcessingTime(1_000);

    send("a", 10);
    harness.processElement(new StreamRecord<>(unserialisable("a", 20), 20));
    send("a", 30);
    send("b", 20);
    harness.processWatermark(40);

    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .containsExactly("a@10", "b@20", "a@30");
    assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
        .extracting(StreamRecord::getValue)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(DeadLetterReason.INTERNAL_ERROR);
              assertThat(d.message()).startsWith("internal_error: ");
              assertThat(d.stream()).isEqualTo("a");
              assertThat(new String(d.source().value(), StandardCharsets.UTF_8)).isEqualTo("a@20");
            });

    // three in a row quarantine the stream; the others go on
    for (long ts = 50; ts <= 70; ts += 10) {
      harness.processElement(new StreamRecord<>(unserialisable("a", ts), ts));
    }
    send("a", 80);
    send("b", 80);
    harness.processWatermark(90);
    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .containsExactly("a@10", "b@20", "a@30", "b@80");
    assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
        .extracting(StreamRecord::getValue)
        .extracting(DeadLetter::reason)
        .containsExactly(
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.QUARANTINED);
    assertThat(harness.getSideOutput(SideOutputs.ALERTS))
        .extracting(StreamRecord::getValue)
        .singleElement()
        .satisfies(a -> assertThat(a.details()).contains("event-time-sort"));

    harness.setProcessingTime(1_000 + QUARANTINE_MS); // released
    send("a", 100);
    harness.processWatermark(110);
    assertThat(harness.extractOutputValues())
        .extracting(o -> o.stream() + "@" + o.timestampMillis())
        .endsWith("a@100");
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

  @Test
  void shouldPassAnOrderedStreamAtOnceInAdaptiveMode() throws Exception {
    adaptive();
    send("a", 10);
    send("b", 5);
    send("a", 20);

    assertThat(passed()).containsExactly("a@10", "b@5", "a@20");
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldSortAStreamFromItsFirstDisorderOnInAdaptiveMode() throws Exception {
    adaptive();
    send("a", 50);
    send("a", 50); // duplicate
    send("a", 40); // disorder: a@50 is already downstream, so a@40 cannot be put before it
    send("a", 70);
    send("a", 60); // sorted now: waits for the watermark and comes out before a@70
    send("a", 45); // still behind what was passed
    send("b", 5); // another stream stays in arrival order
    assertThat(passed()).containsExactly("a@50", "b@5");

    harness.processWatermark(100);

    assertThat(passed()).containsExactly("a@50", "b@5", "a@60", "a@70");
    assertThat(harness.getSideOutput(SideOutputs.DEAD_LETTERS))
        .extracting(StreamRecord::getValue)
        .extracting(DeadLetter::reason)
        .containsExactly(
            DeadLetterReason.DUPLICATE_TIMESTAMP, DeadLetterReason.LATE, DeadLetterReason.LATE);
  }

  private void adaptive() throws Exception {
    harness.close();
    harness = harness(true);
    harness.open();
  }

  private List<String> passed() {
    return harness.extractOutputValues().stream()
        .map(o -> o.stream() + "@" + o.timestampMillis())
        .toList();
  }
}
