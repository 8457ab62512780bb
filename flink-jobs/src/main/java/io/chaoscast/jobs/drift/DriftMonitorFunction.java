package io.chaoscast.jobs.drift;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.isolation.StreamGuard;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.state.StreamStateTtl;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Feeds each stream's checked observations (first input), in event-time order, to its own {@link
 * StreamMonitor} and emits the monitor's alert events (OPEN/RESOLVED, usually none) with the
 * observation's timestamp. The monitor uses the same settings and the same KSWIN seed as {@code
 * ./forecaster detect}, so replaying a recorded stream through {@code detect} gives the alerts the
 * job raised. The second input is the stream's {@link ServedRolloutFailure}s (forecasts of the
 * served model that were not finite): each counts as a failed rollout in the monitor's next block.
 *
 * <p>Failure isolation ({@link StreamGuard}): a record whose monitoring throws is dead-lettered as
 * {@code internal_error} and the stream's monitor starts afresh (an update that threw may have left
 * it half-changed); a stream that keeps failing is not monitored while quarantined. Its records are
 * not dead-lettered then: this stage is not their only use, the forecast stages have them.
 *
 * <p>State: the whole monitor (reference model, baselines, detectors, lifecycles) is one value per
 * stream, checkpointed field by field through {@link StreamMonitorSerializer} and expired by TTL
 * after {@code stateTtl} without records (a stream that stops for good would otherwise keep it
 * forever). A stream whose channel count changes starts a new monitor: its reference no longer
 * describes it (the data-quality stage raises CHANNEL_COUNT_CHANGE for that).
 */
public final class DriftMonitorFunction
    extends KeyedCoProcessFunction<String, Observation, ServedRolloutFailure, AlertEvent> {

  private static final long serialVersionUID = 1L;

  /** The KSWIN seed of {@code ./forecaster detect} ({@code DetectCommand.SEED}). */
  static final long SEED = io.chaoscast.models.cli.DetectCommand.SEED;

  /** The keyed state holding each stream's monitor. */
  static final String STATE = "stream-monitor";

  private final MonitorConfig config;
  private final Duration stateTtl;
  private final StreamGuard guard;
  private transient ValueState<StreamMonitor> state;

  public DriftMonitorFunction(MonitorConfig config, Duration stateTtl, Quarantine quarantine) {
    this.config = config;
    this.stateTtl = stateTtl;
    this.guard = new StreamGuard(quarantine);
  }

  @Override
  public void open(OpenContext openContext) {
    // Explicit serializer carrying the settings: no Kryo or Java serialization reads checkpoints.
    var descriptor = new ValueStateDescriptor<>(STATE, new StreamMonitorSerializer(config));
    descriptor.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
    state = getRuntimeContext().getState(descriptor);
    var deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    guard.open(getRuntimeContext(), stateTtl, deadLetters);
  }

  @Override
  public void processElement1(Observation o, Context ctx, Collector<AlertEvent> out)
      throws Exception {
    if (!guard.admitWithoutDeadLetter()) return;
    List<AlertEvent> events;
    try {
      events = monitor(o);
    } catch (Throwable t) {
      state.clear();
      guard.failed(t, o, ctx.timerService(), ctx::output);
      return;
    }
    guard.succeeded();
    StreamStateTtl.registerExpiryTimer(ctx.timerService(), stateTtl);
    for (AlertEvent e : events) out.collect(e);
  }

  private List<AlertEvent> monitor(Observation o) throws IOException {
    if (!o.allFinite()) return List.of(); // the data-quality stage dead-letters these
    StreamMonitor monitor = state.value();
    if (monitor == null || monitor.channels() != o.channelCount()) {
      monitor = new StreamMonitor(o.stream(), o.channelCount(), config, SEED);
    }
    List<AlertEvent> events = monitor.update(o.timestampMillis() / 1000.0, o.values());
    state.update(monitor);
    return events;
  }

  @Override
  public void processElement2(ServedRolloutFailure f, Context ctx, Collector<AlertEvent> out)
      throws Exception {
    StreamMonitor monitor = state.value();
    if (monitor == null) return; // nothing monitored yet: no rollouts to count
    monitor.servedRolloutFailed();
    state.update(monitor);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) state.value(); // drops it once expired
    guard.onTimer(timestamp, ctx.timeDomain(), ctx.getCurrentKey(), ctx::output);
  }
}
