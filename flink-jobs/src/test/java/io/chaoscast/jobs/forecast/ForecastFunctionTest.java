package io.chaoscast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.config.JobConfig.ForecastSettings;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.state.StreamStateTtl;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForecastFunctionTest {

  private static final long QUARANTINE_MS = 5_000;

  private KeyedOneInputStreamOperatorTestHarness<String, Observation, ForecastRequest> harness;

  @BeforeEach
  void open() throws Exception {
    // 5-sample contexts, a request every 2 samples after the first
    var settings = new ForecastSettings("nvar", 5, 3, 2, 2, 1, 1e-6);
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ForecastFunction(
                    settings,
                    5.0,
                    Duration.ofHours(1),
                    new Quarantine(3, QUARANTINE_MS, "forecast"))),
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
    send(stream, ts, new double[] {ts, -ts});
  }

  private List<String> requests() {
    return harness.extractOutputValues().stream()
        .map(r -> r.stream() + "@" + r.issuedAtMillis())
        .toList();
  }

  private List<DeadLetter> deadLetters() {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.DEAD_LETTERS);
  }

  private List<Alert> alerts() {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.ALERTS);
  }

  @Test
  void shouldRequestAForecastWhenTheWindowFillsAndEveryFewSamplesAfter() throws Exception {
    for (long t = 10; t <= 90; t += 10) good("a", t);
    assertThat(requests()).containsExactly("a@50", "a@70", "a@90");
    var last = harness.extractOutputValues().get(2);
    assertThat(last.context()).hasDimensions(5, 2);
    assertThat(last.context()[4][0]).isEqualTo(90.0);
    assertThat(new String(last.source().value(), StandardCharsets.UTF_8)).isEqualTo("a@90");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the window
  }

  @Test
  void shouldRemoveASilentStreamsWindowOnItsExpiryTimerAndKeepAStreamThatWroteSince()
      throws Exception {
    long ttl = Duration.ofHours(1).toMillis();
    good("a", 10);
    at(ttl / 2);
    good("b", 10);
    at(StreamStateTtl.expiryTimer(0, Duration.ofMillis(ttl)));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // b's window
    at(StreamStateTtl.expiryTimer(ttl / 2, Duration.ofMillis(ttl)));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  /** Processing time and the TTL's clock at {@code ms}: timers due by then fire. */
  private void at(long ms) throws Exception {
    harness.setStateTtlProcessingTime(ms);
    harness.setProcessingTime(ms);
  }

  @Test
  void shouldDeadLetterARecordThatFailsAndKeepEveryWindowGoing() throws Exception {
    for (long t = 10; t <= 40; t += 10) {
      good("a", t);
      good("b", t);
    }
    send("a", 45, null); // values missing: processing it throws
    good("a", 50);
    good("b", 50);

    assertThat(requests()).containsExactly("a@50", "b@50");
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(DeadLetterReason.INTERNAL_ERROR);
              assertThat(d.message()).startsWith("internal_error: java.lang.NullPointerException");
            });
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // two windows, no failure record
  }

  @Test
  void shouldQuarantineAStreamThatKeepsFailingAndReleaseItLater() throws Exception {
    harness.setProcessingTime(100);
    for (int i = 0; i < 3; i++) send("a", 10 + i, null);
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Alert.Kind.STREAM_QUARANTINED);
              assertThat(a.state()).isEqualTo(Alert.State.OPEN);
            });
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(2); // release + forget
    good("a", 20);
    assertThat(deadLetters())
        .last()
        .extracting(DeadLetter::reason)
        .isEqualTo(DeadLetterReason.QUARANTINED);

    harness.setProcessingTime(100 + QUARANTINE_MS);
    assertThat(alerts()).last().extracting(Alert::state).isEqualTo(Alert.State.RESOLVED);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // forget, a no-op now
    assertThat(harness.numKeyedStateEntries()).isZero(); // nothing learned, failure record gone
    for (long t = 30; t <= 70; t += 10) good("a", t);
    assertThat(requests()).containsExactly("a@70");
  }

  @Test
  void shouldStartANewWindowWhenTheChannelCountChanges() throws Exception {
    for (long t = 10; t <= 40; t += 10) good("a", t);
    for (long t = 50; t <= 90; t += 10) send("a", t, new double[] {1, 2, 3});
    assertThat(requests()).containsExactly("a@90");
    assertThat(harness.extractOutputValues().get(0).channelCount()).isEqualTo(3);
  }
}
