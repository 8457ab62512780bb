package io.chaoscast.jobs.demo;

import java.util.Locale;

/**
 * Whether the demo's job is making progress, from what the demo can see: its restarts, and the
 * committed output the read-committed probe has seen against the input the generator sent. A job
 * that restarts in a loop commits nothing, so neither its status nor its input rate would show it.
 */
final class ProgressCheck {

  private final int maxRestarts;
  private final long stallMs;
  private long lastOutput;
  private long lastOutputAt;
  private long inputAtLastOutput;

  /**
   * @param maxRestarts restarts after which the job counts as unable to make progress (0: any)
   * @param stallMs longest time input may flow with no new committed output
   */
  ProgressCheck(int maxRestarts, long stallMs, long start) {
    this.maxRestarts = maxRestarts;
    this.stallMs = stallMs;
    this.lastOutputAt = start;
  }

  /** The problem, or null while the job is healthy. */
  String check(long now, long inputSent, long outputSeen, int restarts, boolean jobFailed) {
    if (jobFailed) return "the job failed";
    if (restarts > maxRestarts) {
      return "the job restarted "
          + restarts
          + " times (more than --max-restarts "
          + maxRestarts
          + ")";
    }
    if (outputSeen > lastOutput) {
      lastOutput = outputSeen;
      lastOutputAt = now;
      inputAtLastOutput = inputSent;
      return null;
    }
    if (inputSent > inputAtLastOutput && now - lastOutputAt > stallMs) {
      return String.format(
          Locale.ROOT,
          "no committed output for %.0f s while %d records went in (--stall-timeout %.0f s)",
          (now - lastOutputAt) / 1000.0,
          inputSent - inputAtLastOutput,
          stallMs / 1000.0);
    }
    return null;
  }
}
