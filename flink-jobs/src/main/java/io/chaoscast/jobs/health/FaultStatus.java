package io.chaoscast.jobs.health;

import io.chaoscast.loadtest.PrometheusScrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job's faults at one moment, as its gauges show them.
 *
 * @param consecutiveFailedCheckpoints checkpoints failed since the last completed one
 * @param brokerUnreachableSeconds seconds since the broker was last reachable, 0 while it is
 */
public record FaultStatus(int consecutiveFailedCheckpoints, double brokerUnreachableSeconds) {

  public static final FaultStatus NONE = new FaultStatus(0, 0);

  /** The Prometheus names of the gauges ({@link FaultMonitor} registers them). */
  public static final String PREFIX = "flink_taskmanager_job_task_operator_chaoscast_";

  public static final String FAILED_CHECKPOINTS_GAUGE = "consecutive_failed_checkpoints";
  public static final String BROKER_UNREACHABLE_GAUGE = "broker_unreachable_seconds";

  /** The status from a scrape of the job's Prometheus endpoint (the largest value of each). */
  public static FaultStatus of(PrometheusScrape scrape) {
    return new FaultStatus(
        (int) max(scrape, PREFIX + FAILED_CHECKPOINTS_GAUGE),
        max(scrape, PREFIX + BROKER_UNREACHABLE_GAUGE));
  }

  private static double max(PrometheusScrape scrape, String name) {
    return scrape.named(name).stream()
        .mapToDouble(PrometheusScrape.Sample::value)
        .filter(Double::isFinite)
        .max()
        .orElse(0);
  }

  public boolean healthy() {
    return consecutiveFailedCheckpoints == 0 && brokerUnreachableSeconds == 0;
  }

  /**
   * {@code fault: checkpoints failing 3x, broker unreachable 12 s}, or the empty string while there
   * is no fault.
   */
  public String describe() {
    List<String> faults = new ArrayList<>();
    if (consecutiveFailedCheckpoints > 0) {
      faults.add("checkpoints failing " + consecutiveFailedCheckpoints + "x");
    }
    if (brokerUnreachableSeconds > 0) {
      faults.add(String.format(Locale.ROOT, "broker unreachable %.0f s", brokerUnreachableSeconds));
    }
    return faults.isEmpty() ? "" : "fault: " + String.join(", ", faults);
  }
}
