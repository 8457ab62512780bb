package io.chaoscast.jobs.forecast;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig.ForecastSettings;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.isolation.StreamGuard;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each stream's last {@code contextLength} samples in a {@link StreamWindow} and asks for a
 * forecast when the window first fills and every {@code everySamples} samples after that; the model
 * runs in the batching stage that follows. A gap longer than {@code gapFactor} sample intervals
 * resets the window, so a context never splices two stretches of signal together.
 *
 * <p>State: one window per stream, expired by TTL after {@code stateTtl} without records (and
 * removed on an expiry timer, {@link StreamStateTtl}), plus the {@link StreamGuard}'s: what one
 * record throws dead-letters that record, and a stream that keeps failing is quarantined.
 */
public final class ForecastFunction
    extends KeyedProcessFunction<String, Observation, ForecastRequest> {

  private static final long serialVersionUID = 1L;

  /** A stream counts as active in the gauge while it sent a record this recently. */
  private static final long ACTIVE_WINDOW_MS = 60_000;

  private final ForecastSettings settings;
  private final double gapFactor;
  private final Duration stateTtl;
  private final StreamGuard guard;
  private transient ValueState<StreamWindow> window;
  private transient Map<String, Long> lastSeen;
  private transient long lastPrunedAt;

  /** Scratch for the windows' median interval (one record at a time per subtask). */
  private transient long[] intervals;

  public ForecastFunction(
      ForecastSettings settings, double gapFactor, Duration stateTtl, Quarantine quarantine) {
    this.settings = settings;
    this.gapFactor = gapFactor;
    this.stateTtl = stateTtl;
    this.guard = new StreamGuard(quarantine);
  }

  @Override
  public void open(OpenContext openContext) {
    var descriptor = new ValueStateDescriptor<>("window", StreamWindow.class);
    descriptor.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
    window = getRuntimeContext().getState(descriptor);
    intervals = new long[settings.contextLength()];
    guard.open(
        getRuntimeContext(),
        stateTtl,
        new DeadLetterCounters(getRuntimeContext().getMetricGroup()));
    var group = JobMetricGroups.of(getRuntimeContext().getMetricGroup());
    lastSeen = new ConcurrentHashMap<>(); // read by the metric reporter thread
    group.gauge("active_streams", this::activeStreams);
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<ForecastRequest> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    lastSeen.put(o.stream(), now);
    if (now - lastPrunedAt >= ACTIVE_WINDOW_MS) {
      // Pruned here, on the records' schedule: a map pruned only when the gauge is read grows
      // with every stream id ever seen when no metric reporter is configured.
      lastPrunedAt = now;
      pruneBefore(now - ACTIVE_WINDOW_MS);
    }
    if (!guard.admit(o, ctx::output)) return;
    StreamWindow w = window.value();
    ForecastRequest request;
    try {
      if (w == null || w.channels != o.channelCount()) {
        w = StreamWindow.create(settings.contextLength(), o.channelCount());
      } else if (w.isGap(o.timestampMillis() - w.lastTimestamp(), gapFactor, intervals)) {
        w.reset();
      }
      if (w.channelNames == null && o.channels() != null) {
        w.channelNames = o.channels().toArray(new String[0]);
      }
      w.append(o.timestampMillis(), o.values());
      request = due(w, o);
    } catch (Throwable t) {
      guard.failed(t, o, ctx.timerService(), ctx::output);
      return;
    }
    guard.succeeded();
    window.update(w);
    StreamStateTtl.registerExpiryTimer(ctx.timerService(), now, stateTtl);
    if (request != null) out.collect(request);
  }

  /** The request this record completes, or null when no forecast is due. */
  private ForecastRequest due(StreamWindow w, Observation o) {
    long past = w.samples - settings.contextLength();
    if (past < 0 || past % settings.everySamples() != 0) return null;
    return new ForecastRequest(
        o.stream(),
        o.timestampMillis(),
        w.medianIntervalMs(intervals),
        w.channelNames == null ? null : List.of(w.channelNames),
        w.context(),
        o.source() == null ? -1 : o.source().kafkaTimestampMillis(),
        o.source());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastRequest> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) window.value(); // drops it once expired
    guard.onTimer(timestamp, ctx.timeDomain(), ctx.getCurrentKey(), ctx::output);
  }

  private int activeStreams() {
    pruneBefore(System.currentTimeMillis() - ACTIVE_WINDOW_MS);
    return lastSeen.size();
  }

  private void pruneBefore(long cutoff) {
    lastSeen.values().removeIf(t -> t < cutoff);
  }

  /** Streams the active-streams gauge tracks now (for tests). */
  int trackedStreams() {
    return lastSeen.size();
  }
}
