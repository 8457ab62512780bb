package io.chaoscast.models.bench;

import io.chaoscast.models.drift.Adwin;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * Thread CPU time of {@link Adwin#update} (River's defaults) per value, on z-scores like a drift
 * monitor's: standard normal noise whose mean moves by 0.5 every 20,000 values (so the window
 * grows, cuts and grows again). Six rounds of 400,000 values; the first is JIT warm-up and not
 * printed. The thread's own CPU counter, so other processes on a shared host slow it down less than
 * a wall-clock figure. Run it against two builds alternately for a before/after ratio
 * (docs/bench/adwin-compress.txt).
 */
public final class AdwinCpuStudy {

  private AdwinCpuStudy() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int n = 400_000;
    double[] x = new double[n];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < n; i++) x[i] = (i / 20_000 % 2) * 0.5 + r.nextGaussian();
    long checksum = 0;
    for (int round = 0; round < 6; round++) {
      Adwin adwin = Adwin.withDefaults();
      long cpu = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) if (adwin.update(x[i])) checksum++;
      checksum += adwin.width();
      if (round > 0) {
        System.out.printf(
            "round %d: %.1f ns CPU per value%n",
            round, (threads.getCurrentThreadCpuTime() - cpu) / (double) n);
      }
    }
    System.out.println("checksum (detections + final widths): " + checksum);
  }
}
