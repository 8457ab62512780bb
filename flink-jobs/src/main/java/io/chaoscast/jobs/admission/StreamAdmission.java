package io.chaoscast.jobs.admission;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.metrics.AlertCounters;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.pipeline.SideOutputs;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Admits at most {@code maxStreams} live streams per subtask ({@code
 * limits.max_streams_per_subtask}); a stream is live from its first record until {@code ttl} of
 * processing time passes without one (the same horizon after which the later stages' state for it
 * expires). A record of a new stream beyond the limit goes to the dead-letter topic as {@code
 * too_many_streams}, so every later keyed stage keeps state for at most {@code maxStreams} streams
 * per subtask; the streams already admitted are not affected.
 *
 * <p>While records are refused, one {@link Alert.Kind#STREAM_LIMIT} alert is open (stream {@code
 * *}); it resolves with the first record after {@link #ALERT_PERIOD_MS} without a refusal.
 *
 * <p>State: the processing time of each live stream's last record, and one processing-time timer
 * per stream that removes it once it has been silent for {@code ttl}. The count of live streams is
 * not checkpointed: it is recounted from the keys of that state when the operator opens, so it is
 * exact after a restore, after rescaling (a subtask then holds other key groups) and after expiry.
 * This state deliberately has no Flink TTL: TTL expiry is lazy and silent, so the count could not
 * follow it; the timer is the TTL.
 */
public final class StreamAdmission extends AbstractStreamOperator<Observation>
    implements OneInputStreamOperator<Observation, Observation>,
        Triggerable<String, VoidNamespace> {

  private static final long serialVersionUID = 1L;

  /** An open STREAM_LIMIT alert resolves after this long without a refused record. */
  public static final long ALERT_PERIOD_MS = 60_000;

  static final String STATE = "admitted-last-seen";

  private final int maxStreams;
  private final long ttlMs;
  private transient ValueState<Long> lastSeen;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient DeadLetterCounters deadLetters;
  private transient AlertCounters alerts;
  private transient long live;
  private transient long refusedSinceOpen;
  private transient long lastRefusalAt;
  private transient boolean alertOpen;

  public StreamAdmission(int maxStreams, Duration ttl) {
    if (maxStreams < 1) throw new IllegalArgumentException("maxStreams must be >= 1");
    this.maxStreams = maxStreams;
    this.ttlMs = ttl.toMillis();
  }

  @Override
  public void open() throws Exception {
    super.open();
    lastSeen =
        getPartitionedState(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            new ValueStateDescriptor<>(STATE, Types.LONG));
    try (Stream<Object> keys = getKeyedStateBackend().getKeys(STATE, VoidNamespace.INSTANCE)) {
      live = keys.count();
    }
    timers = getInternalTimerService("stream-admission", VoidNamespaceSerializer.INSTANCE, this);
    deadLetters = new DeadLetterCounters(getMetricGroup());
    alerts = new AlertCounters(getMetricGroup(), List.of(Alert.Kind.STREAM_LIMIT));
    JobMetricGroups.of(getMetricGroup()).gauge("live_streams", this::liveStreams);
  }

  /** Streams this subtask holds state for now. */
  public long liveStreams() {
    return live;
  }

  @Override
  public void processElement(StreamRecord<Observation> element) throws Exception {
    long now = timers.currentProcessingTime();
    if (lastSeen.value() == null) {
      if (live >= maxStreams) {
        refuse(element, now);
        return;
      }
      live++;
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, now + ttlMs);
    }
    lastSeen.update(now);
    if (alertOpen && now - lastRefusalAt >= ALERT_PERIOD_MS) {
      alertOpen = false;
      alert(element, Alert.State.RESOLVED, "no record of a new stream refused for 60 s");
    }
    output.collect(element);
  }

  /** A stream's timer: it expires if it has been silent for ttl, else the timer moves on. */
  @Override
  public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
    Long seen = lastSeen.value();
    if (seen == null) return;
    long expiry = seen + ttlMs;
    if (expiry > timer.getTimestamp()) {
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, expiry);
    } else {
      lastSeen.clear();
      live--;
    }
  }

  @Override
  public void onEventTime(InternalTimer<String, VoidNamespace> timer) {}

  private void refuse(StreamRecord<Observation> element, long now) {
    Observation o = element.getValue();
    deadLetters.send(
        new DeadLetter(
            DeadLetterReason.TOO_MANY_STREAMS,
            "the subtask already holds " + live + " live streams (limits.max_streams_per_subtask)",
            o.stream(),
            o.source()),
        (tag, letter) -> output.collect(tag, element.replace(letter)));
    lastRefusalAt = now;
    refusedSinceOpen = alertOpen ? refusedSinceOpen + 1 : 1;
    if (!alertOpen) {
      alertOpen = true;
      alert(
          element,
          Alert.State.OPEN,
          "subtask "
              + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()
              + " holds "
              + live
              + " live streams, the limit: records of new streams are dead-lettered"
              + " (too_many_streams)");
    }
  }

  private void alert(StreamRecord<Observation> element, Alert.State state, String details) {
    long time =
        element.hasTimestamp() ? element.getTimestamp() : element.getValue().timestampMillis();
    Alert alert =
        new Alert(
            "*",
            time,
            Alert.Kind.STREAM_LIMIT,
            Alert.Severity.WARNING,
            state == Alert.State.OPEN ? live : refusedSinceOpen,
            maxStreams,
            state,
            details);
    alerts.count(alert);
    output.collect(SideOutputs.ALERTS, new StreamRecord<>(alert, time));
  }
}
