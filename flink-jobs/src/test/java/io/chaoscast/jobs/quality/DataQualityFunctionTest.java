package io.chaoscast.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.config.JobConfig.QualitySettings;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataQualityFunctionTest {

  private static final long TTL_MS = 60_000;
  private static final long QUARANTINE_MS = 5_000;

  private KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness;

  @BeforeEach
  void open() throws Exception {
    // gap factor 5, warm-up 10, flat line 50, NaN burst 5 of 50, channel change after 5 records
    var settings = new QualitySettings(5.0, 10, 50, 50, 5, 5);
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new DataQualityFunction(
                    settings,
                    Duration.ofMillis(TTL_MS),
                    new Quarantine(3, QUARANTINE_MS, "data-quality"))),
            Observation::stream,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(String stream, long ts, double[] values) throws Exception {
    var source =
        new SourceRecord(
            "obs", 0, ts, ts, null, (stream + "@" + ts).getBytes(StandardCharsets.UTF_8));
    harness.processElement(
        new StreamRecord<>(new Observation(stream, ts, values, null, source), ts));
  }

  private void good(String stream, long ts) throws Exception {
    send(stream, ts, new double[] {Math.sin(ts), Math.cos(ts)});
  }

  /** A record no parser makes (values missing): processing it throws inside the operator. */
  private void poison(String stream, long ts) throws Exception {
    send(stream, ts, null);
  }

  private List<String> accepted() {
    return harness.extractOutputValues().stream()
        .map(o -> o.stream() + "@" + o.timestampMillis())
        .toList();
  }

  private List<DeadLetter> deadLetters() {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.DEAD_LETTERS);
  }

  private List<Alert> quarantineAlerts() {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.ALERTS).stream()
        .filter(a -> a.kind() == Alert.Kind.STREAM_QUARANTINED)
        .toList();
  }

  @Test
  void shouldDeadLetterARecordThatFailsAndKeepTheStreamGoing() throws Exception {
    good("a", 10);
    poison("a", 20);
    good("a", 30);
    good("b", 30);

    assertThat(accepted()).containsExactly("a@10", "a@30", "b@30");
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(DeadLetterReason.INTERNAL_ERROR);
              assertThat(d.message()).startsWith("internal_error: java.lang.NullPointerException");
              assertThat(d.stream()).isEqualTo("a");
              assertThat(new String(d.source().value(), StandardCharsets.UTF_8)).isEqualTo("a@20");
            });
    // a success clears the failure count: one quality state per stream, each with its expiry
    // timer, and the failure's forget timer, which then finds nothing to forget
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(3);
    harness.setProcessingTime(TTL_MS);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void shouldForgetTheFailuresOfAStreamThatFailsAndFallsSilentForTheStateTtl() throws Exception {
    harness.setProcessingTime(1_000);
    good("a", 10);
    poison("a", 20);
    harness.setProcessingTime(2_000);
    poison("a", 30);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // quality + failure record

    // the quarantine state has no background cleanup (StreamStateTtl.ownCleanup): the latest
    // failure's timer removes the entry, the first failure's timer must not
    harness.setProcessingTime(1_000 + TTL_MS);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    harness.setProcessingTime(2_000 + TTL_MS);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // the quality state's expiry

    // the run was forgotten: two more failures do not make three in a row
    poison("a", 40);
    poison("a", 50);
    assertThat(quarantineAlerts()).isEmpty();
  }

  @Test
  void shouldQuarantineAStreamThatKeepsFailingAndReleaseItLater() throws Exception {
    harness.setProcessingTime(1_000);
    good("a", 10);
    poison("a", 20);
    poison("a", 30);
    poison("a", 40);
    assertThat(quarantineAlerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(Alert.State.OPEN);
              assertThat(a.stream()).isEqualTo("a");
              assertThat(a.details()).contains("3 consecutive failures", "data-quality");
            });
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(3); // release, forget, expiry

    good("a", 50); // quarantined: not processed
    good("b", 50); // another stream is not
    assertThat(accepted()).containsExactly("a@10", "b@50");
    assertThat(deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactly(
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.INTERNAL_ERROR,
            DeadLetterReason.QUARANTINED);

    harness.setProcessingTime(1_000 + QUARANTINE_MS);
    assertThat(quarantineAlerts()).last().extracting(Alert::state).isEqualTo(Alert.State.RESOLVED);
    // forget (a no-op now) and the two streams' expiry timers
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(3);
    good("a", 60);
    assertThat(accepted()).containsExactly("a@10", "b@50", "a@60");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // the quarantine entry is gone
  }

  @Test
  void shouldNotCountFailuresThatAreNotConsecutive() throws Exception {
    for (int i = 0; i < 5; i++) {
      poison("a", 20L * i);
      poison("a", 20L * i + 5);
      good("a", 20L * i + 10);
    }
    assertThat(quarantineAlerts()).isEmpty();
    assertThat(accepted()).hasSize(5);
  }

  @Test
  void shouldForgetWhatItLearnedWhenOnlyRejectedRecordsArriveForTheStateTtl() throws Exception {
    harness.setProcessingTime(0);
    harness.setStateTtlProcessingTime(0);
    good("a", 10); // the stream has two channels
    for (int i = 1; i <= 4; i++) {
      // rejected, fewer than the five that re-learn a count, and alternating so never five in a row
      long now = i * TTL_MS / 4;
      harness.setProcessingTime(now);
      harness.setStateTtlProcessingTime(now);
      send("a", 10 + i, i % 2 == 0 ? new double[] {1, 2, 3} : new double[] {1, 2, 3, 4});
    }
    assertThat(deadLetters())
        .extracting(DeadLetter::reason)
        .containsOnly(DeadLetterReason.CHANNEL_COUNT_MISMATCH);
    harness.setProcessingTime(TTL_MS + 1);
    harness.setStateTtlProcessingTime(TTL_MS + 1);
    send("a", 20, new double[] {1, 2, 3}); // no accepted record for a TTL: the stream starts afresh
    assertThat(accepted()).containsExactly("a@10", "a@20");
    assertThat(Objects.requireNonNull(deadLetters())).hasSize(4);
  }
}
