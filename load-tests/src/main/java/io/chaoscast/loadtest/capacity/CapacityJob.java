package io.chaoscast.loadtest.capacity;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One job of a capacity search: the passthrough baseline, or the forecasting job with one model and
 * batching bound.
 *
 * @param job {@code passthrough} or {@code forecasting}, as in {@link io.chaoscast.loadtest.JobRun}
 * @param model the forecasting model (empty for the passthrough)
 * @param maxBatch the batching bound (0 for the passthrough)
 */
public record CapacityJob(String job, String model, int maxBatch) {

  public static final String PASSTHROUGH = "passthrough";

  public static CapacityJob passthrough() {
    return new CapacityJob(PASSTHROUGH, "", 0);
  }

  public static CapacityJob forecasting(String model, int maxBatch) {
    return new CapacityJob("forecasting", model, maxBatch);
  }

  @JsonIgnore
  public boolean isPassthrough() {
    return job.equals(PASSTHROUGH);
  }

  /** A label for progress lines, tables and chart legends (the same as JobRun's). */
  public String label() {
    return isPassthrough() ? job : model + " (batch " + maxBatch + ")";
  }
}
