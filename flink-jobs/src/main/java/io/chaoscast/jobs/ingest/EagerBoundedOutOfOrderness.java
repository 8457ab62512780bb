package io.chaoscast.jobs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks (max event time seen minus the bound, minus 1 ms), emitted as
 * soon as the maximum advances rather than only on the periodic timer. Two reasons: records are
 * released from the event-time sort buffer without waiting for the next period, which keeps latency
 * low; and which records count as late depends only on the order of records in a partition, not on
 * wall-clock timing, so a replay classifies them the same way.
 *
 * <p>One record must not be able to make the rest of its partition late. A record more than {@code
 * maxAdvanceMs} ahead of the partition's newest event time is held as a candidate and moves
 * nothing; if the partition's next record is also that far ahead (a partition resuming after a
 * silence, a sparse stream), the jump is confirmed and the maximum moves to the earlier of the two.
 * The first record after a start is such a candidate too: there is nothing yet to compare it with.
 */
public final class EagerBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {

  private static final long NONE = Long.MIN_VALUE;

  private final long boundMs;
  private final long maxAdvanceMs;
  private long maxTimestamp = NONE;
  private long candidate = NONE;
  private long lastEmitted = NONE;

  /**
   * @param maxAdvanceMs 0: every record moves the maximum at once (no guard)
   */
  public EagerBoundedOutOfOrderness(long boundMs, long maxAdvanceMs) {
    this.boundMs = boundMs;
    this.maxAdvanceMs = maxAdvanceMs;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (maxTimestamp != NONE && eventTimestamp <= maxTimestamp) {
      candidate = NONE; // an ordinary record: a pending jump was not confirmed
      return;
    }
    if (maxAdvanceMs <= 0 || withinAdvance(eventTimestamp)) {
      candidate = NONE;
      maxTimestamp = eventTimestamp;
    } else if (candidate == NONE) {
      candidate = eventTimestamp;
      return;
    } else {
      maxTimestamp = Math.max(maxTimestamp, Math.min(candidate, eventTimestamp));
      candidate = NONE;
    }
    emit(output);
  }

  private boolean withinAdvance(long eventTimestamp) {
    if (maxTimestamp == NONE) return false;
    // Saturating, so that extreme timestamps cannot wrap around.
    return maxTimestamp > Long.MAX_VALUE - maxAdvanceMs
        || eventTimestamp <= maxTimestamp + maxAdvanceMs;
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    emit(output);
  }

  private void emit(WatermarkOutput output) {
    if (maxTimestamp == NONE) return;
    // Saturating: an event time near Long.MIN_VALUE must not wrap to a watermark near MAX_VALUE.
    long watermark =
        maxTimestamp < Long.MIN_VALUE + boundMs + 1 ? Long.MIN_VALUE : maxTimestamp - boundMs - 1;
    if (watermark > lastEmitted) {
      lastEmitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
