package io.chaoscast.jobs.promotion;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a control topic joined to the data: none, and the input marked idle, always, so
 * that the join's event time is the data's alone. Without watermarks the control input would hold
 * the joined stream's event time at its minimum; with the highest possible one it would carry the
 * join to the end of time while the data input is idle (an idle input does not count), and event
 * time could never come back from there.
 */
public final class ControlWatermarks<T> implements WatermarkGenerator<T> {

  private ControlWatermarks() {}

  public static <T> WatermarkStrategy<T> strategy() {
    return WatermarkStrategy.forGenerator(ctx -> new ControlWatermarks<>());
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.markIdle();
  }
}
