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
 */
public final class EagerBoundedOutOfOrderness<T> implements WatermarkGenerator<T> {

  private final long boundMs;
  private long maxTimestamp = Long.MIN_VALUE;
  private long lastEmitted = Long.MIN_VALUE;

  public EagerBoundedOutOfOrderness(long boundMs) {
    this.boundMs = boundMs;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > maxTimestamp) {
      maxTimestamp = eventTimestamp;
      emit(output);
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    emit(output);
  }

  private void emit(WatermarkOutput output) {
    if (maxTimestamp == Long.MIN_VALUE) return;
    long watermark = maxTimestamp - boundMs - 1;
    if (watermark > lastEmitted) {
      lastEmitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
