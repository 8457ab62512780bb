package io.chaoscast.models.bench;

import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of one three-channel Lorenz stream's drift monitor per sample once it monitors
 * (MonitorConfig.defaults()), and the bytes it allocates per sample: the thread's own CPU and
 * allocation counters, so other processes on a shared host slow it down less than they would a
 * wall-clock figure. Four rounds of 28,000 samples; the first is JIT warm-up and not printed. Run
 * it against two builds alternately for a before/after ratio (docs/bench/monitor-refit.txt).
 */
public final class MonitorCpuStudy {

  private MonitorCpuStudy() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var allocation = (com.sun.management.ThreadMXBean) threads;
    int n = 30_000;
    ScenarioSeries s = new Scenario(SystemFamily.LORENZ, ChangeKind.NONE, 0.02, n, 0, 4).generate();
    for (int round = 0; round < 4; round++) {
      StreamMonitor m = new StreamMonitor("stream-00042", 3, MonitorConfig.defaults(), 9);
      int t = 0;
      while (!m.monitoring()) {
        m.update(s.times()[t], s.values()[t]);
        t++;
      }
      long cpu = threads.getCurrentThreadCpuTime();
      long bytes = allocation.getCurrentThreadAllocatedBytes();
      int from = t;
      for (; t < n; t++) m.update(s.times()[t], s.values()[t]);
      if (round > 0) {
        System.out.printf(
            "round %d: %.2f us CPU per sample, %.0f bytes allocated per sample%n",
            round,
            (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / (t - from),
            (double) (allocation.getCurrentThreadAllocatedBytes() - bytes) / (t - from));
      }
    }
  }
}
