package io.chaoscast.jobs.health;

/**
 * Counts the checkpoints that failed since the last one that completed, from the notifications
 * every task receives (Flink tells each task when a checkpoint it was part of completes or is
 * aborted, whatever the cause: storage unwritable, a task declining, a timeout). Written by the
 * task thread, read by the metric reporter's.
 */
final class CheckpointHealth {

  private long lastCompleted = Long.MIN_VALUE;
  private long lastAborted = Long.MIN_VALUE;
  private volatile int consecutiveFailures;

  synchronized void completed(long checkpointId) {
    if (checkpointId > lastCompleted) {
      lastCompleted = checkpointId;
      consecutiveFailures = 0;
    }
  }

  /**
   * Counts each aborted checkpoint once; one older than the last completed one no longer counts.
   */
  synchronized void aborted(long checkpointId) {
    if (checkpointId > lastCompleted && checkpointId > lastAborted) {
      lastAborted = checkpointId;
      consecutiveFailures++;
    }
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }
}
