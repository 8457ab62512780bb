package io.chaoscast.jobs.ordering;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The low-latency alternative to {@link EventTimeSorter} ({@code event_time.ordering: arrival}):
 * each record is passed on the moment it arrives if it is newer than the last one passed for its
 * stream, so nothing waits for the watermark. It relies on what a Kafka producer keyed by stream id
 * gives anyway — every stream in order within one partition; a record that is not newer than its
 * stream's last goes to the dead-letter topic (late, or a duplicate when the timestamps are equal)
 * instead of being re-ordered. Replays are deterministic: arrival order within a partition is the
 * log's order.
 *
 * <p>State: the last passed event time per stream, expired by TTL after {@code stateTtl} without
 * records (a stream that stops for good would otherwise keep it forever; one that comes back after
 * that starts afresh, like in the later stages).
 */
public final class ArrivalOrderGuard
    extends KeyedProcessFunction<String, Observation, Observation> {

  private static final long serialVersionUID = 1L;

  private final Duration stateTtl;
  private transient ValueState<Long> lastPassed;
  private transient DeadLetterCounters deadLetters;

  public ArrivalOrderGuard(Duration stateTtl) {
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    var descriptor = new ValueStateDescriptor<>("last-passed", Types.LONG);
    descriptor.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
    lastPassed = getRuntimeContext().getState(descriptor);
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(Observation o, Context ctx, Collector<Observation> out)
      throws Exception {
    long ts = o.timestampMillis();
    Long last = lastPassed.value();
    if (last == null || ts > last) {
      lastPassed.update(ts);
      StreamStateTtl.registerExpiryTimer(ctx.timerService(), stateTtl);
      out.collect(o);
    } else if (ts == last) {
      reject(ctx, o, DeadLetterReason.DUPLICATE_TIMESTAMP, "stream already had a record at " + ts);
    } else {
      reject(
          ctx,
          o,
          DeadLetterReason.LATE,
          "event time " + ts + " is before the stream's last record at " + last);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Observation> out)
      throws Exception {
    lastPassed.value(); // an expiry timer: the read drops the value once expired
  }

  private void reject(Context ctx, Observation o, DeadLetterReason reason, String message) {
    deadLetters.send(new DeadLetter(reason, message, o.stream(), o.source()), ctx::output);
  }
}
