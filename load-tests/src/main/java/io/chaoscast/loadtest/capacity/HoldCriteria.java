package io.chaoscast.loadtest.capacity;

import io.chaoscast.loadtest.JobRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a job holds an offered rate. All four must be true of the measured window (the run after its
 * 20 % warm-up):
 *
 * <ol>
 *   <li>sustained throughput, from the job's {@code records_in} counter, is at least {@value
 *       #MIN_SUSTAINED_FRACTION} of the offered rate;
 *   <li>the lag is not growing: it ended the window no more than one second of offered load above
 *       where it started it ({@link JobRun#lagGrowing()});
 *   <li>the job did not restart (a restart also resets the counters the figures come from);
 *   <li>the p99 end-to-end latency is at most the bound.
 * </ol>
 *
 * A figure that could not be measured (no latency samples, metrics that never answered) fails its
 * condition: a rate is held only on evidence.
 *
 * @param p99BoundMs the latency bound, ms
 */
public record HoldCriteria(double p99BoundMs) {

  public static final double MIN_SUSTAINED_FRACTION = 0.98;

  /** Why {@code measured} did not hold {@code offeredEventsPerS}; empty when it held. */
  public List<String> failures(double offeredEventsPerS, Measurement measured) {
    JobRun run = measured.run();
    List<String> why = new ArrayList<>();
    double sustained = run.sustainedEventsPerS();
    if (Double.isNaN(sustained)) {
      why.add("no sustained figure");
    } else if (sustained < MIN_SUSTAINED_FRACTION * offeredEventsPerS) {
      why.add(
          String.format(
              Locale.ROOT,
              "sustained %.0f < %.0f%% of offered",
              sustained,
              100 * MIN_SUSTAINED_FRACTION));
    }
    if (run.lagGrowing()) why.add("lag growing");
    if (Double.isNaN(measured.restarts())) why.add("restart count unknown");
    else if (measured.restarts() > 0) {
      why.add(String.format(Locale.ROOT, "%.0f restart(s)", measured.restarts()));
    }
    double p99 = run.latencyMsP99();
    if (Double.isNaN(p99)) why.add("no latency samples");
    else if (p99 > p99BoundMs) {
      why.add(String.format(Locale.ROOT, "p99 %.0f ms > %.0f ms", p99, p99BoundMs));
    }
    return why;
  }
}
