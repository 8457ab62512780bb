package io.chaoscast.jobs.drift;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig.DriftSettings;
import io.chaoscast.jobs.isolation.Failures;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.state.StreamStateTtl;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertStormGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's one {@link AlertStormGuard}: all drift events of all streams are keyed to {@link #KEY}
 * and this operator runs with parallelism 1, because a storm is a property of all streams together
 * (a guard per subtask would let parallelism x max_opens alerts through). Alerts are rare next to
 * observations, so one subtask is no bottleneck.
 *
 * <p>The guard needs the events in event-time order, but they arrive interleaved from the monitor's
 * subtasks; each is buffered until the watermark passes its timestamp (an event-time timer), then
 * fed to the guard in time order. While a storm lasts a timer one window later lets it resolve even
 * when no further alert arrives.
 *
 * <p>State (all under the one key): the guard, the buffered events by timestamp (cleared as each
 * timer fires), and the severity each emitted alert opened with, removed when it resolves (so the
 * OPEN - RESOLVED counters by severity give the open alerts by severity; expired by TTL after
 * {@code stateTtl} like the monitor of a silent stream). Each type has an explicit serializer
 * ({@link AlertStormGuardSerializer}, {@link AlertEventSerializer}).
 *
 * <p>What one event throws (in the guard or turning it into an alert) costs that event only: it is
 * counted in {@code internal_errors} and logged, and the other events go on, as in the skill stage.
 * There is no source record to dead-letter (drift events are the job's own), and no per-stream
 * quarantine: all streams share this operator's one key, so quarantining it would silence them all.
 *
 * <p>Metrics: {@code kind_state_alerts{kind,state}} and {@code
 * kind_severity_state_alerts{kind,severity,state}} for the drift kinds (docs/metrics.md), {@code
 * internal_errors}.
 */
public final class StormGuardFunction extends KeyedProcessFunction<Integer, AlertEvent, Alert> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(StormGuardFunction.class);

  /** The single key every drift event is sent to. */
  public static final Integer KEY = 0;

  private final DriftSettings settings;
  private final Duration stateTtl;
  private transient ValueState<AlertStormGuard> guard;
  private transient MapState<Long, List<AlertEvent>> pending;
  private transient MapState<String, String> openSeverity;
  private transient DriftAlertCounters counters;
  private transient Counter internalErrors;

  public StormGuardFunction(DriftSettings settings, Duration stateTtl) {
    this.settings = settings;
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    var ctx = getRuntimeContext();
    // Explicit serializers: no Kryo or Java-serialization fallback reads checkpoints (the names
    // differ from the Java-serialised state of earlier versions, which is left unread).
    guard =
        ctx.getState(
            new ValueStateDescriptor<>("alert-storm-guard", AlertStormGuardSerializer.INSTANCE));
    pending =
        ctx.getMapState(
            new MapStateDescriptor<>(
                "drift-pending-events",
                LongSerializer.INSTANCE,
                new ListSerializer<>(AlertEventSerializer.INSTANCE)));
    var severity = new MapStateDescriptor<>("drift-open-severity", Types.STRING, Types.STRING);
    // An alert whose stream went silent never resolves: its monitor expires with the stream's
    // state, and its entry here would otherwise stay forever.
    severity.enableTimeToLive(StreamStateTtl.incremental(stateTtl));
    openSeverity = ctx.getMapState(severity);
    counters = new DriftAlertCounters(ctx.getMetricGroup());
    internalErrors = JobMetricGroups.of(ctx.getMetricGroup()).counter("internal_errors");
  }

  @Override
  public void processElement(AlertEvent e, Context ctx, Collector<Alert> out) throws Exception {
    long ts = ctx.timestamp() != null ? ctx.timestamp() : DriftAlerts.millis(e.timeSeconds());
    List<AlertEvent> at = pending.get(ts);
    if (at == null) {
      at = new ArrayList<>(1);
      ctx.timerService().registerEventTimeTimer(ts);
    }
    at.add(e);
    pending.put(ts, at);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    AlertStormGuard g = guard.value();
    if (g == null) g = settings.stormGuard();
    List<AlertEvent> due = pending.get(timestamp);
    if (due != null) {
      pending.remove(timestamp);
      due.sort(Comparator.comparingDouble(AlertEvent::timeSeconds));
      for (AlertEvent e : due) {
        List<AlertEvent> passed;
        try {
          passed = g.accept(e);
        } catch (Throwable t) {
          failed(t, e);
          continue;
        }
        for (AlertEvent f : passed) emit(f, out);
      }
    }
    var resolved = g.advance(timestamp / 1000.0);
    if (resolved.isPresent()) emit(resolved.get(), out);
    if (g.inStorm() && timestamp < Long.MAX_VALUE - settings.stormWindowMs()) {
      ctx.timerService().registerEventTimeTimer(timestamp + settings.stormWindowMs());
    }
    guard.update(g);
  }

  private void emit(AlertEvent e, Collector<Alert> out) throws Exception {
    Alert a;
    Alert.Severity openedWith;
    try {
      a = DriftAlerts.toAlert(e, settings.openZ(), settings.stormMaxOpens());
      String key = a.stream() + "|" + a.kind();
      openedWith = a.severity();
      if (a.state() == Alert.State.OPEN) {
        openSeverity.put(key, openedWith.name());
      } else {
        String opened = openSeverity.get(key);
        openSeverity.remove(key);
        if (opened != null) openedWith = Alert.Severity.valueOf(opened);
      }
    } catch (Throwable t) {
      failed(t, e);
      return;
    }
    counters.count(a, openedWith);
    out.collect(a);
  }

  /** One event failed: counted and logged, the job's own faults rethrown. */
  private void failed(Throwable t, AlertEvent e) throws Exception {
    Failures.rethrowIfFatal(t);
    internalErrors.inc();
    LOG.warn("drift event of stream {} dropped: {}", e.streamId(), Failures.describe(t));
  }
}
