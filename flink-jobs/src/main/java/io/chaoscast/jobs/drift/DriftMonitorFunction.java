package io.chaoscast.jobs.drift;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.state.StreamStateTtl;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Feeds each stream's checked observations, in event-time order, to its own {@link StreamMonitor}
 * and emits the monitor's alert events (OPEN/RESOLVED, usually none) with the observation's
 * timestamp. The monitor uses the same settings and the same KSWIN seed as {@code ./forecaster
 * detect}, so replaying a recorded stream through {@code detect} gives the alerts the job raised.
 *
 * <p>State: the whole monitor (reference model, baselines, detectors, lifecycles) is one value per
 * stream, checkpointed field by field through {@link StreamMonitorSerializer} and expired by TTL
 * after {@code stateTtl} without records (a stream that stops for good would otherwise keep it
 * forever). A stream whose channel count changes starts a new monitor: its reference no longer
 * describes it (the data-quality stage raises CHANNEL_COUNT_CHANGE for that).
 */
public final class DriftMonitorFunction
    extends KeyedProcessFunction<String, Observation, AlertEvent> {

  private static final long serialVersionUID = 1L;

  /** The KSWIN seed of {@code ./forecaster detect} ({@code DetectCommand.SEED}). */
  static final long SEED = io.chaoscast.models.cli.DetectCommand.SEED;

  /** The keyed state holding each stream's monitor. */
  static final String STATE = "stream-monitor";

  private final MonitorConfig config;
  private final Duration stateTtl;
  private transient ValueState<StreamMonitor> state;

  public DriftMonitorFunction(MonitorConfig config, Duration stateTtl) {
    this.config = config;
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    // Explicit serializer carrying the settings: no Kryo or Java serialization reads checkpoints.
    var descriptor = new ValueStateDescriptor<>(STATE, new StreamMonitorSerializer(config));
    descriptor.enableTimeToLive(StreamStateTtl.dense(stateTtl));
    state = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<AlertEvent> out)
      throws Exception {
    if (!o.allFinite()) return; // the data-quality stage sends these to the dead-letter topic
    StreamMonitor monitor = state.value();
    if (monitor == null || monitor.channels() != o.channelCount()) {
      monitor = new StreamMonitor(o.stream(), o.channelCount(), config, SEED);
    }
    for (AlertEvent e : monitor.update(o.timestampMillis() / 1000.0, o.values())) out.collect(e);
    state.update(monitor);
  }
}
