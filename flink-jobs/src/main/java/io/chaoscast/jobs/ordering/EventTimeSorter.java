package io.chaoscast.jobs.ordering;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.isolation.StreamGuard;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Re-orders each stream by event time: a record waits in keyed state until the watermark passes it,
 * then is emitted in timestamp order, so that everything downstream sees every stream in order
 * whatever order Kafka delivered it in. A record at or behind the watermark arrived after its slot
 * was processed and goes to the dead-letter topic as late; a second record at an already-buffered
 * timestamp goes there as a duplicate.
 *
 * <p>Buffering a record writes it whole into keyed state (serialised, with RocksDB): what that
 * throws for one record is isolated by a {@link StreamGuard} like in the later stages — the record
 * is dead-lettered as {@code internal_error} and a stream that keeps failing is quarantined.
 *
 * <p>State: one map entry per buffered record, removed when it is emitted, so an idle stream holds
 * nothing here; plus the guard's state of a stream that failed (expired after {@code stateTtl}) and
 * one processing-time timer per quarantined stream.
 */
public final class EventTimeSorter extends KeyedProcessFunction<String, Observation, Observation> {

  private static final long serialVersionUID = 1L;

  private final Duration stateTtl;
  private final StreamGuard guard;
  private transient MapState<Long, Observation> pending;
  private transient DeadLetterCounters deadLetters;

  /**
   * @param stateTtl how long the guard remembers a stream's failures without records
   * @param quarantine when a stream that keeps failing is quarantined, and for how long
   */
  public EventTimeSorter(Duration stateTtl, Quarantine quarantine) {
    this.stateTtl = stateTtl;
    this.guard = new StreamGuard(quarantine);
  }

  @Override
  public void open(OpenContext openContext) {
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending", Types.LONG, TypeInformation.of(Observation.class)));
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    guard.open(getRuntimeContext(), stateTtl, deadLetters);
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<Observation> out)
      throws Exception {
    if (!guard.admit(o, ctx::output)) return;
    long ts = o.timestampMillis();
    long watermark = ctx.timerService().currentWatermark();
    boolean duplicate = false;
    try {
      if (ts > watermark) {
        duplicate = pending.contains(ts);
        if (!duplicate) {
          pending.put(ts, o);
          ctx.timerService().registerEventTimeTimer(ts);
        }
      }
    } catch (Throwable t) {
      guard.failed(t, o, ctx.timerService(), ctx::output);
      return;
    }
    guard.succeeded();
    if (ts <= watermark) {
      reject(
          ctx,
          o,
          DeadLetterReason.LATE,
          "event time " + ts + " is not after the watermark " + watermark);
    } else if (duplicate) {
      reject(ctx, o, DeadLetterReason.DUPLICATE_TIMESTAMP, "stream already has a record at " + ts);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out)
      throws Exception {
    if (guard.onTimer(timestamp, ctx.timeDomain(), ctx.getCurrentKey(), ctx::output)) return;
    // Buffered records wait on event-time timers; a processing-time one is the guard's.
    if (ctx.timeDomain() != TimeDomain.EVENT_TIME) return;
    Observation o = pending.get(timestamp);
    if (o != null) {
      pending.remove(timestamp);
      out.collect(o);
    }
  }

  private void reject(Context ctx, Observation o, DeadLetterReason reason, String message) {
    deadLetters.send(new DeadLetter(reason, message, o.stream(), o.source()), ctx::output);
  }
}
