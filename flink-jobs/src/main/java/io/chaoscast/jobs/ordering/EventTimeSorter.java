package io.chaoscast.jobs.ordering;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.isolation.StreamGuard;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Re-orders each stream by event time: a record waits in keyed state until the watermark passes it,
 * then is emitted in timestamp order, so that everything downstream sees every stream in order
 * whatever order Kafka delivered it in. A record at or behind the watermark arrived after its slot
 * was processed and goes to the dead-letter topic as late; a second record at an already-buffered
 * timestamp goes there as a duplicate.
 *
 * <p>Adaptive mode ({@code event_time.ordering: adaptive}, the default) does not make a stream wait
 * for the watermark until it has shown disorder: a record newer than its stream's last is passed on
 * at once, as with {@link ArrivalOrderGuard}, so a stream its producer keeps in order (the usual
 * case for a producer keyed by stream id) pays no {@code max_out_of_orderness_ms} of latency. The
 * first record older than its stream's last cannot be put back in order (the newer one is already
 * gone downstream): it is dead-lettered as late, and from then on that stream is sorted like in the
 * plain mode, so later disorder within the bound costs nothing. The stream is sorted for {@code
 * stateTtl} after its first disorder, then tried in arrival order again.
 *
 * <p>Buffering a record writes it whole into keyed state (serialised, with RocksDB): what that
 * throws for one record is isolated by a {@link StreamGuard} like in the later stages — the record
 * is dead-lettered as {@code internal_error} and a stream that keeps failing is quarantined.
 *
 * <p>State: one map entry per buffered record, removed when it is emitted, so an idle stream holds
 * nothing here; in adaptive mode, the stream's last passed event time (expired after {@code
 * stateTtl} without records) and whether it is sorted (expired {@code stateTtl} after it was set);
 * plus the guard's state of a stream that failed (expired after {@code stateTtl}) and one
 * processing-time timer per quarantined stream.
 */
public final class EventTimeSorter extends KeyedProcessFunction<String, Observation, Observation> {

  private static final long serialVersionUID = 1L;

  private final Duration stateTtl;
  private final boolean adaptive;
  private final StreamGuard guard;
  private transient MapState<Long, Observation> pending;
  private transient ValueState<Long> lastPassed;
  private transient ValueState<Boolean> sorted;
  private transient DeadLetterCounters deadLetters;

  /**
   * @param stateTtl how long the guard (and, adaptive, a stream's order state) outlives its records
   * @param quarantine when a stream that keeps failing is quarantined, and for how long
   * @param adaptive pass records of a stream that has shown no disorder without waiting
   */
  public EventTimeSorter(Duration stateTtl, Quarantine quarantine, boolean adaptive) {
    this.stateTtl = stateTtl;
    this.adaptive = adaptive;
    this.guard = new StreamGuard(quarantine);
  }

  @Override
  public void open(OpenContext openContext) {
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending", Types.LONG, TypeInformation.of(Observation.class)));
    if (adaptive) {
      var last = new ValueStateDescriptor<>("last-passed", Types.LONG);
      last.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
      lastPassed = getRuntimeContext().getState(last);
      var disorder = new ValueStateDescriptor<>("sorted", Types.BOOLEAN);
      disorder.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
      sorted = getRuntimeContext().getState(disorder);
    }
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    guard.open(getRuntimeContext(), stateTtl, deadLetters);
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<Observation> out)
      throws Exception {
    if (!guard.admit(o, ctx::output)) return;
    Placement placement;
    try {
      placement = place(o, ctx.timerService());
    } catch (Throwable t) {
      guard.failed(t, o, ctx.timerService(), ctx::output);
      return;
    }
    guard.succeeded();
    if (adaptive) StreamStateTtl.registerExpiryTimer(ctx.timerService(), stateTtl);
    if (placement == Placement.PASSED) {
      out.collect(o);
    } else if (placement.rejected() != null) {
      deadLetters.send(
          new DeadLetter(placement.rejected(), placement.why(), o.stream(), o.source()),
          ctx::output);
    }
  }

  /** Passes, buffers or turns away one record; emitting is left to the caller. */
  private Placement place(Observation o, TimerService timers) throws Exception {
    long ts = o.timestampMillis();
    Long last = adaptive ? lastPassed.value() : null;
    if (last != null && ts == last) {
      return Placement.reject(
          DeadLetterReason.DUPLICATE_TIMESTAMP, "stream already had a record at " + ts);
    }
    if (adaptive && sorted.value() == null) {
      if (last == null || ts > last) {
        lastPassed.update(ts);
        return Placement.PASSED;
      }
      sorted.update(true);
      return Placement.reject(
          DeadLetterReason.LATE,
          "event time "
              + ts
              + " is before the stream's last record at "
              + last
              + "; the stream waits for the watermark from now on");
    }
    long watermark = timers.currentWatermark();
    if (ts <= watermark) {
      return Placement.reject(
          DeadLetterReason.LATE, "event time " + ts + " is not after the watermark " + watermark);
    }
    if (last != null && ts < last) {
      return Placement.reject(
          DeadLetterReason.LATE,
          "event time " + ts + " is before the stream's last record at " + last);
    }
    if (pending.contains(ts)) {
      return Placement.reject(
          DeadLetterReason.DUPLICATE_TIMESTAMP, "stream already has a record at " + ts);
    }
    pending.put(ts, o);
    timers.registerEventTimeTimer(ts);
    return Placement.BUFFERED;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out)
      throws Exception {
    if (adaptive && ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      lastPassed.value(); // each read drops its value once expired
      sorted.value();
    }
    if (guard.onTimer(timestamp, ctx.timeDomain(), ctx.getCurrentKey(), ctx::output)) return;
    // Buffered records wait on event-time timers; a processing-time one is the guard's.
    if (ctx.timeDomain() != TimeDomain.EVENT_TIME) return;
    Observation o = pending.get(timestamp);
    if (o != null) {
      pending.remove(timestamp);
      if (adaptive) lastPassed.update(timestamp);
      out.collect(o);
    }
  }

  /** What became of a record: passed on, buffered, or turned away with a reason. */
  private record Placement(DeadLetterReason rejected, String why) {
    static final Placement PASSED = new Placement(null, "passed");
    static final Placement BUFFERED = new Placement(null, "buffered");

    static Placement reject(DeadLetterReason reason, String why) {
      return new Placement(reason, why);
    }
  }
}
