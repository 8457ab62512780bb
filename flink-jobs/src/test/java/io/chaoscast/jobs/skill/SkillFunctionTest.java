package io.chaoscast.jobs.skill;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.Observation;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkillFunctionTest {

  private KeyedTwoInputStreamOperatorTestHarness<String, Forecast, Observation, ForecastSkill>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness = openHarness();
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, Forecast, Observation, ForecastSkill>
      openHarness() throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new SkillFunction(Duration.ofHours(1))),
            Forecast::stream,
            Observation::stream,
            Types.STRING);
    h.open();
    return h;
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void observe(long ts, double v) throws Exception {
    harness.processElement2(
        new StreamRecord<>(new Observation("s", ts, new double[] {v}, null, null), ts));
  }

  private void forecast(long issuedAt, double... values) throws Exception {
    harness.processElement1(forecastRecord(issuedAt, values));
  }

  private static StreamRecord<Forecast> forecastRecord(long issuedAt, double... values) {
    double[][] rows = new double[values.length][];
    for (int i = 0; i < values.length; i++) rows[i] = new double[] {values[i]};
    return new StreamRecord<>(
        new Forecast("s", issuedAt, "m@1", 10, values.length, null, rows, 0, null), issuedAt);
  }

  @Test
  void shouldScoreAForecastOnceEventTimePassesItsLastStep() throws Exception {
    for (int t = 0; t <= 100; t += 10) observe(t, t); // a ramp: 0, 10, ..., 100
    forecast(100, 110, 120, 130);
    observe(110, 110);
    observe(120, 120);
    observe(130, 130);
    harness.processWatermark2(new Watermark(134));
    harness.processWatermark1(new Watermark(134));
    assertThat(harness.extractOutputValues()).isEmpty(); // deadline is 100 + 3.5 intervals = 135
    harness.processWatermark1(new Watermark(135));
    harness.processWatermark2(new Watermark(135));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.evaluatedSteps()).isEqualTo(3);
              assertThat(s.smape()).isZero();
              assertThat(s.vptSteps()).isEqualTo(3);
            });
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void shouldUseActualsThatArrivedBeforeTheForecastItself() throws Exception {
    for (int t = 0; t <= 130; t += 10) observe(t, t);
    forecast(100, 110, 120, 999);
    harness.processWatermark1(new Watermark(200));
    harness.processWatermark2(new Watermark(200));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.evaluatedSteps()).isEqualTo(3);
              assertThat(s.smapeByStep()[0]).isZero();
              assertThat(s.smapeByStep()[2]).isPositive();
            });
  }

  /**
   * The same input must score the same however far the observation input ran ahead when the timer
   * fired: a run restored from a checkpoint, or just scheduled differently, publishes the same
   * skill records as any other (the cluster failover test compares them record for record).
   */
  @Test
  void shouldScoreTheSameWhetherLaterSamplesArrivedBeforeTheTimerOrAfter() throws Exception {
    forecast(100, 112, 118, 135);
    for (int t = 0; t <= 130; t += 10) observe(t, t * 1.5);
    harness.processWatermark1(new Watermark(135));
    harness.processWatermark2(new Watermark(135));
    var laterSamplesAfterTheTimer = harness.extractOutputValues();
    assertThat(laterSamplesAfterTheTimer).hasSize(1);

    var ahead = openHarness();
    try {
      ahead.processElement1(forecastRecord(100, 112, 118, 135));
      for (int t = 0; t <= 1_000; t += 10) {
        // samples after the forecast's last step, wildly different, already in before the timer
        double v = t <= 130 ? t * 1.5 : 1e4 - t * 7.0;
        ahead.processElement2(
            new StreamRecord<>(new Observation("s", t, new double[] {v}, null, null), t));
      }
      ahead.processWatermark2(new Watermark(1_000));
      ahead.processWatermark1(new Watermark(135));

      assertThat(ahead.extractOutputValues())
          .usingRecursiveComparison() // element by element, arrays included
          .isEqualTo(laterSamplesAfterTheTimer);
    } finally {
      ahead.close();
    }
  }

  @Test
  void shouldScoreOverlappingForecastsWhenAPendingOneIsOlderThanTheLastTimer() throws Exception {
    forecast(100, 110, 120, 130, 140, 150); // deadline 155
    forecast(120, 130, 140, 150, 160, 170); // deadline 175, pending when the first is scored
    for (int t = 0; t <= 200; t += 10) observe(t, t);
    harness.processWatermark2(new Watermark(160));
    harness.processWatermark1(new Watermark(160));
    harness.processWatermark2(new Watermark(200));
    harness.processWatermark1(new Watermark(200));

    assertThat(harness.extractOutputValues())
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.smape()).isZero());
  }

  @Test
  void shouldKeepTheActualsWhenTheObservationInputRunsFarAheadOfTheForecasts() throws Exception {
    forecast(100, 110, 120, 130);
    for (int t = 0; t <= 5_000; t += 10)
      observe(t, t); // 500 samples later than the forecast's steps
    harness.processWatermark2(new Watermark(5_000));
    assertThat(harness.extractOutputValues()).isEmpty(); // the forecast input has not moved yet
    harness.processWatermark1(new Watermark(5_000));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.evaluatedSteps()).isEqualTo(3);
              assertThat(s.smape()).isZero();
            });
    assertThat(harness.numKeyedStateEntries())
        .isLessThan(20); // samples up to the watermark are dropped
  }

  /**
   * The sample and forecast maps have no incremental TTL cleanup (it copied a whole map per state
   * access): what a stream that stops leaves behind must still go, by the function's own timer.
   */
  @Test
  void shouldRemoveTheLeftoversOfAStreamThatStopsOnceTheyExpire() throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new SkillFunction(Duration.ofMillis(1_000))),
            Forecast::stream,
            Observation::stream,
            Types.STRING);
    h.open();
    try {
      h.setProcessingTime(0);
      h.setStateTtlProcessingTime(0);
      h.processElement1(forecastRecord(100, 110, 120, 130)); // no watermark: stays pending
      for (int t = 0; t <= 100; t += 10)
        h.processElement2(
            new StreamRecord<>(new Observation("s", t, new double[] {t}, null, null), t));
      assertThat(h.numKeyedStateEntries()).isEqualTo(2); // samples, pending

      h.setStateTtlProcessingTime(600);
      h.setProcessingTime(600);
      h.processElement2( // the stream writes again: its next timers must keep it
          new StreamRecord<>(new Observation("s", 110, new double[] {110}, null, null), 110));
      h.setStateTtlProcessingTime(1_300);
      h.setProcessingTime(1_300);
      assertThat(h.numKeyedStateEntries()).isEqualTo(1); // the forecast expired, a sample did not
      assertThat(h.numProcessingTimeTimers()).isPositive();

      h.setStateTtlProcessingTime(2_000);
      h.setProcessingTime(2_000);
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
      assertThat(h.extractOutputValues()).isEmpty();
    } finally {
      h.close();
    }
  }
}
