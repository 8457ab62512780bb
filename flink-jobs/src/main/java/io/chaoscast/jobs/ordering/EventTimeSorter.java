package io.chaoscast.jobs.ordering;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Re-orders each stream by event time: a record waits in keyed state until the watermark passes it,
 * then is emitted in timestamp order, so that everything downstream sees every stream in order
 * whatever order Kafka delivered it in. A record at or behind the watermark arrived after its slot
 * was processed and goes to the dead-letter topic as late; a second record at an already-buffered
 * timestamp goes there as a duplicate.
 *
 * <p>State: one map entry per buffered record, removed when it is emitted, so an idle stream holds
 * nothing here.
 */
public final class EventTimeSorter extends KeyedProcessFunction<String, Observation, Observation> {

  private static final long serialVersionUID = 1L;

  private transient MapState<Long, Observation> pending;
  private transient DeadLetterCounters deadLetters;

  @Override
  public void open(OpenContext openContext) {
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "pending", Types.LONG, TypeInformation.of(Observation.class)));
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<Observation> out)
      throws Exception {
    long ts = o.timestampMillis();
    long watermark = ctx.timerService().currentWatermark();
    if (ts <= watermark) {
      reject(
          ctx,
          o,
          DeadLetterReason.LATE,
          "event time " + ts + " is not after the watermark " + watermark);
    } else if (pending.contains(ts)) {
      reject(ctx, o, DeadLetterReason.DUPLICATE_TIMESTAMP, "stream already has a record at " + ts);
    } else {
      pending.put(ts, o);
      ctx.timerService().registerEventTimeTimer(ts);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out)
      throws Exception {
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
