package io.chaoscast.jobs.bench;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.skill.SkillFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * Thread CPU time of the skill stage ({@link SkillFunction} in Flink's keyed operator, heap state
 * with the job's TTL) per observation, at the load test's shape: 100 streams of three channels at
 * 100 Hz in lockstep, a 20-step forecast per stream every 10 samples, both watermarks advanced to
 * each tick's time after it (eager watermarks). Ten rounds of 2,000 ticks (200,000 observations,
 * 20,000 forecasts); the first is JIT warm-up and not printed. Includes the test harness's own work
 * per record, the same in any build. Run it against two builds alternately for a before/after ratio
 * (docs/bench/skill-timer.txt).
 */
public final class SkillCpuStudy {

  private static final int STREAMS = 100;
  private static final int TICKS = 2_000;
  private static final long DT = 10;
  private static final int HORIZON = 20;

  private SkillCpuStudy() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var harness =
        new KeyedTwoInputStreamOperatorTestHarness<String, Forecast, Observation, ForecastSkill>(
            new KeyedCoProcessOperator<>(new SkillFunction(Duration.ofMinutes(10))),
            Forecast::stream,
            Observation::stream,
            Types.STRING);
    harness.open();
    String[] names = new String[STREAMS];
    for (int s = 0; s < STREAMS; s++) names[s] = String.format("stream-%05d", s);
    double[][] rows = new double[HORIZON][];
    for (int k = 0; k < HORIZON; k++) rows[k] = new double[] {Math.sin(k), Math.cos(k), k * 0.1};
    long tick = 0;
    long scored = 0;
    for (int round = 0; round < 10; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < TICKS; i++, tick++) {
        long t = 1_700_000_000_000L + tick * DT;
        for (int s = 0; s < STREAMS; s++) {
          double[] v = {Math.sin(tick * 0.01 + s), Math.cos(tick * 0.013 + s), (tick + s) % 7};
          harness.processElement2(
              new StreamRecord<>(new Observation(names[s], t, v, null, null), t));
          if (tick % 10 == 0) {
            var f = new Forecast(names[s], t, "nvar@1", DT, HORIZON, null, rows, 0, "nvar");
            harness.processElement1(new StreamRecord<>(f, t));
          }
        }
        harness.processWatermark2(new Watermark(t));
        harness.processWatermark1(new Watermark(t));
        scored += harness.getOutput().size();
        harness.getOutput().clear();
      }
      if (round > 0) {
        System.out.printf(
            "round %d: %.2f us CPU per observation%n",
            round, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / (TICKS * STREAMS));
      }
    }
    System.out.println("output records (skills and watermarks): " + scored);
    harness.close();
  }
}
