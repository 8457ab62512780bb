package io.chaoscast.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.pipeline.SideOutputs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseObservationsTest {

  /** The Kafka timestamp of every test record, and the operator's processing time. */
  private static final long NOW = 1_767_323_045_000L;

  private OneInputStreamOperatorTestHarness<SourceRecord, Observation> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(PARSE));
    harness.setProcessingTime(NOW);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static final ParseObservations PARSE =
      new ParseObservations(JobConfig.defaults().eventTime(), JobConfig.defaults().limits());

  private void send(String json) throws Exception {
    harness.processElement(
        new StreamRecord<>(
            new SourceRecord("obs", 0, 0, NOW, null, json.getBytes(StandardCharsets.UTF_8))));
  }

  private List<String> deadLetterReasons() {
    var letters = harness.getSideOutput(SideOutputs.DEAD_LETTERS);
    return letters == null
        ? List.of()
        : letters.stream()
            .map(StreamRecord::getValue)
            .map(DeadLetter::reason)
            .map(DeadLetterReason::code)
            .toList();
  }

  @Test
  void shouldDeadLetterAnEventTimeOfLongMinValue() throws Exception {
    // event time - Kafka time was exactly Long.MIN_VALUE, whose Math.abs is negative: it passed.
    send("{\"stream\":\"s\",\"ts\":" + (Long.MIN_VALUE + NOW) + ",\"values\":[1]}");

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetterReasons()).containsExactly("invalid_field");
  }

  @Test
  void shouldMeasureTheFutureAgainstTheJobsClockWhenTheProducersClockIsAhead() throws Exception {
    long ahead = NOW + 600_000; // producer clock 10 min fast: Kafka CreateTime is just as far ahead
    harness.processElement(
        new StreamRecord<>(
            new SourceRecord(
                "obs",
                0,
                0,
                ahead,
                null,
                ("{\"stream\":\"s\",\"ts\":" + ahead + ",\"values\":[1]}")
                    .getBytes(StandardCharsets.UTF_8))));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetterReasons()).containsExactly("future_timestamp");
  }

  @Test
  void shouldDeadLetterAnOversizedRecordWithItsOwnReason() throws Exception {
    send("{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"pad\":\"" + "x".repeat(1_048_576) + "\"}");

    assertThat(deadLetterReasons()).containsExactly("record_too_large");
  }

  @Test
  void shouldDeadLetterARecordAheadOfTheKafkaTimestampByMoreThanTheFutureBound() throws Exception {
    // 30 min ahead was within the symmetric 1 h skew, so it reached the watermark generator and
    // made every later record of every stream on the partition late.
    send("{\"stream\":\"s\",\"ts\":" + (NOW + 1_800_000) + ",\"values\":[1]}");
    send("{\"stream\":\"s\",\"ts\":" + (NOW + 1_000) + ",\"values\":[1]}");

    assertThat(harness.extractOutputValues())
        .extracting(Observation::timestampMillis)
        .containsExactly(NOW + 1_000);
    assertThat(deadLetterReasons()).containsExactly("future_timestamp");
  }
}
