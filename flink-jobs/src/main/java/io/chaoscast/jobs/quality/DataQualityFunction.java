package io.chaoscast.jobs.quality;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig.QualitySettings;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.isolation.StreamGuard;
import io.chaoscast.jobs.metrics.AlertCounters;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs {@link DataQualityMonitor} per stream on event-time-ordered records: rejected records go to
 * the dead-letter output, alert events to the alert output, accepted records downstream. One
 * event-time timer per stream marks the gap deadline.
 *
 * <p>State: one {@link QualityState} per stream, expired by TTL after {@code stateTtl} without
 * records (a stream that stops for good would otherwise keep it forever); a stream that has had no
 * accepted record for {@code stateTtl} starts afresh even while rejected records keep arriving
 * (they write the state, which refreshes Flink's TTL), so a stream is never locked out by what it
 * learned from one bad record. Plus the {@link StreamGuard}'s state and timers: what one record
 * throws dead-letters that record, and a stream that keeps failing is quarantined.
 */
public final class DataQualityFunction
    extends KeyedProcessFunction<String, Observation, Observation> {

  private static final long serialVersionUID = 1L;

  private final DataQualityMonitor monitor;
  private final Duration stateTtl;
  private final StreamGuard guard;
  private transient ValueState<QualityState> state;
  private transient DeadLetterCounters deadLetters;
  private transient AlertCounters alerts;

  public DataQualityFunction(QualitySettings settings, Duration stateTtl, Quarantine quarantine) {
    this.monitor = new DataQualityMonitor(settings);
    this.stateTtl = stateTtl;
    this.guard = new StreamGuard(quarantine);
  }

  @Override
  public void open(OpenContext openContext) {
    var descriptor = new ValueStateDescriptor<>("quality", QualityState.class);
    descriptor.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
    state = getRuntimeContext().getState(descriptor);
    var group = getRuntimeContext().getMetricGroup();
    deadLetters = new DeadLetterCounters(group);
    guard.open(getRuntimeContext(), stateTtl, deadLetters);
    // Drift kinds are counted by the storm guard, STREAM_QUARANTINED by the guard.
    alerts =
        new AlertCounters(
            group, Arrays.stream(Alert.Kind.values()).filter(Alert.Kind::dataQuality).toList());
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<Observation> out)
      throws Exception {
    if (!guard.admit(o, ctx::output)) return;
    long now = ctx.timerService().currentProcessingTime();
    QualityState s = state.value();
    if (s != null && s.acceptedAtMs == QualityState.UNKNOWN) s.acceptedAtMs = now;
    if (s == null || now - s.acceptedAtMs > stateTtl.toMillis()) {
      s = new QualityState();
      s.acceptedAtMs = now;
    }
    long oldDeadline = s.gapDeadline;
    DataQualityMonitor.Outcome outcome;
    try {
      outcome = monitor.observe(s, o);
    } catch (Throwable t) {
      guard.failed(t, o, ctx.timerService(), ctx::output);
      return;
    }
    guard.succeeded();
    outcome.alerts().forEach(a -> emit(ctx, a));
    if (s.gapDeadline != oldDeadline) {
      if (oldDeadline != Long.MAX_VALUE) ctx.timerService().deleteEventTimeTimer(oldDeadline);
      if (s.gapDeadline != Long.MAX_VALUE) ctx.timerService().registerEventTimeTimer(s.gapDeadline);
    }
    if (outcome.accepted()) s.acceptedAtMs = now;
    state.update(s);
    StreamStateTtl.registerExpiryTimer(ctx.timerService(), now, stateTtl);
    if (outcome.accepted()) {
      out.collect(o);
    } else {
      deadLetters.send(
          new DeadLetter(outcome.rejection(), outcome.message(), o.stream(), o.source()),
          ctx::output);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) state.value(); // drops it once expired
    if (guard.onTimer(timestamp, ctx.timeDomain(), ctx.getCurrentKey(), ctx::output)) return;
    if (ctx.timeDomain() != TimeDomain.EVENT_TIME) return;
    // The end of a bounded input advances event time to the end of time: that is not silence.
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) return;
    QualityState s = state.value();
    if (s == null) return; // expired by TTL
    Alert gap = monitor.onDeadline(s, ctx.getCurrentKey(), timestamp);
    if (gap != null) {
      state.update(s);
      emit(ctx, gap);
    }
  }

  private void emit(Context ctx, Alert alert) {
    alerts.count(alert);
    ctx.output(SideOutputs.ALERTS, alert);
  }
}
