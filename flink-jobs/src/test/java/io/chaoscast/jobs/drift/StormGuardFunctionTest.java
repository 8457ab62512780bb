package io.chaoscast.jobs.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig.DriftSettings;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.Severity;
import io.chaoscast.models.drift.Signal;
import io.chaoscast.models.drift.SignalExcursion;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class StormGuardFunctionTest {

  static KeyedOneInputStreamOperatorTestHarness<Integer, AlertEvent, Alert> harness(int maxOpens)
      throws Exception {
    var h = unopened(maxOpens);
    h.open();
    return h;
  }

  /** A harness for the guard that has not been opened (so that a test can restore it first). */
  static KeyedOneInputStreamOperatorTestHarness<Integer, AlertEvent, Alert> unopened(int maxOpens)
      throws Exception {
    DriftSettings d = DriftSettings.defaults();
    DriftSettings settings =
        new DriftSettings(
            true,
            d.referenceSamples(),
            d.calibrationSamples(),
            d.hop(),
            d.window(),
            d.openZ(),
            d.tailFactor(),
            d.resolveZ(),
            d.criticalZ(),
            d.corroboration(),
            d.minDurationBlocks(),
            d.resolveBlocks(),
            d.cooldownBlocks(),
            60_000,
            maxOpens,
            d.referenceSeconds(),
            d.calibrationSeconds(),
            d.baselineHalfLifeBlocks(),
            d.anomalyTailProbability());
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new StormGuardFunction(settings, Duration.ofHours(1))),
            e -> StormGuardFunction.KEY,
            Types.INT);
    // no Kryo fallback: a type without an explicit or POJO serializer fails the test
    ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
    return h;
  }

  static StreamRecord<AlertEvent> open(String stream, long millis) {
    double t = millis / 1000.0;
    var x =
        new SignalExcursion(
            Signal.GEOMETRY_DISSIMILARITY, List.of("ADWIN", "KSWIN"), 7.0, -1.0, -3.0, t - 0.5);
    return new StreamRecord<>(
        new AlertEvent(
            stream,
            AlertKind.DYNAMICS_DRIFT,
            AlertPhase.OPEN,
            Severity.WARNING,
            t,
            t,
            t - 0.5,
            List.of(x),
            1),
        millis);
  }

  /**
   * An event the guard cannot turn into an alert (no severity: a defect upstream) costs that event
   * only: the events before and after it, of its own and of other streams, are emitted, and the
   * task does not fail.
   */
  @Test
  void shouldDropAnEventThatFailsAndEmitEveryOtherEvent() throws Exception {
    try (var h = harness(10)) {
      AlertEvent good = open("a", 2_000).getValue();
      AlertEvent broken =
          new AlertEvent(
              "a",
              good.kind(),
              AlertPhase.RESOLVED,
              null,
              2.5,
              good.openedAtSeconds(),
              good.sinceSeconds(),
              good.signals(),
              1);
      h.processElement(open("a", 1_000));
      h.processElement(new StreamRecord<>(broken, 2_500));
      h.processElement(open("b", 2_500));
      h.processElement(open("c", 3_000));
      h.processWatermark(new Watermark(5_000));

      assertThat(h.extractOutputValues()).extracting(Alert::stream).containsExactly("a", "b", "c");
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void shouldEmitEventsOfAllSubtasksInEventTimeOrderOnceTheWatermarkPassesThem() throws Exception {
    try (var h = harness(10)) {
      h.processElement(open("b", 2_000));
      h.processElement(open("a", 1_000));
      h.processWatermark(new Watermark(1_500));
      assertThat(h.extractOutputValues()).extracting(Alert::stream).containsExactly("a");
      h.processWatermark(new Watermark(2_000));

      List<Alert> out = h.extractOutputValues();
      assertThat(out).extracting(Alert::stream).containsExactly("a", "b");
      Alert a = out.get(0);
      assertThat(a.kind()).isEqualTo(Alert.Kind.DYNAMICS_DRIFT);
      assertThat(a.state()).isEqualTo(Alert.State.OPEN);
      assertThat(a.timeMillis()).isEqualTo(1_000);
      assertThat(a.sinceMillis()).isEqualTo(500);
      assertThat(a.score()).isEqualTo(7.0);
      assertThat(a.threshold()).isEqualTo(5.0);
      assertThat(a.signals())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.signal()).isEqualTo("log_rsa_dissimilarity");
                assertThat(s.detectors()).containsExactly("ADWIN", "KSWIN");
                assertThat(s.baseline()).isEqualTo(-3.0);
              });
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void shouldFoldTheAlertsBeyondTheLimitIntoOneStormAlertThatResolves() throws Exception {
    try (var h = harness(3)) {
      for (int i = 1; i <= 5; i++) h.processElement(open("s" + i, i * 1_000L));
      h.processWatermark(new Watermark(10_000));
      List<Alert> out = h.extractOutputValues();
      assertThat(out).extracting(Alert::stream).containsExactly("s1", "s2", "s3", "*");
      Alert storm = out.get(3);
      assertThat(storm.kind()).isEqualTo(Alert.Kind.DRIFT_STORM);
      assertThat(storm.state()).isEqualTo(Alert.State.OPEN);
      assertThat(storm.score()).isEqualTo(4); // openings within the window when it opened
      assertThat(storm.threshold()).isEqualTo(3);

      h.processWatermark(new Watermark(200_000)); // the window has emptied
      out = h.extractOutputValues();
      assertThat(out).hasSize(5);
      Alert resolved = out.get(4);
      assertThat(resolved.kind()).isEqualTo(Alert.Kind.DRIFT_STORM);
      assertThat(resolved.state()).isEqualTo(Alert.State.RESOLVED);
      assertThat(resolved.score()).isEqualTo(2); // s4 and s5 were held back
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }
}
