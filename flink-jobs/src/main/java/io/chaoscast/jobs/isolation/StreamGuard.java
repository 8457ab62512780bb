package io.chaoscast.jobs.isolation;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.metrics.AlertCounters;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;

/**
 * Failure isolation for a keyed process function over observations. The function asks {@link
 * #admit} before it processes a record (always, since {@link #succeeded} relies on it), runs its
 * computation (never its emits) in a try block and reports {@link #succeeded} or {@link #failed};
 * it passes its processing-time timers to {@link #onTimer}.
 *
 * <p>State: one {@link QuarantineState} per stream that failed since its last success, cleared on
 * the next success, at release, or by a processing-time timer once the stream's last failure is
 * {@code stateTtl} old (a stream that never fails has none; few streams have one, so the state is
 * {@link StreamStateTtl#ownCleanup}); one processing-time timer per quarantined stream, at its
 * release, and one per failure, to forget the failures (a timer whose run has ended does nothing).
 */
public final class StreamGuard implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Quarantine policy;
  private transient long forgetAfterMs;
  private transient ValueState<QuarantineState> state;
  private transient DeadLetterCounters deadLetters;
  private transient Counter internalErrors;
  private transient AlertCounters alerts;

  /** Whether the record last admitted belongs to a stream with a failure record (saves a read). */
  private transient boolean admittedFailing;

  public StreamGuard(Quarantine policy) {
    this.policy = policy;
  }

  /** Call from the function's {@code open}, with the dead-letter counters it already has. */
  public void open(RuntimeContext context, Duration stateTtl, DeadLetterCounters deadLetters) {
    var descriptor = new ValueStateDescriptor<>("quarantine", QuarantineState.class);
    descriptor.enableTimeToLive(StreamStateTtl.ownCleanup(stateTtl));
    state = context.getState(descriptor);
    forgetAfterMs = stateTtl.toMillis();
    this.deadLetters = deadLetters;
    var group = JobMetricGroups.of(context.getMetricGroup());
    internalErrors = group.counter("internal_errors");
    alerts = new AlertCounters(context.getMetricGroup(), List.of(Alert.Kind.STREAM_QUARANTINED));
  }

  /** Whether to process {@code o}; a quarantined stream's record is dead-lettered here instead. */
  public boolean admit(Observation o, SideOutput out) throws IOException {
    QuarantineState s = quarantine();
    if (s == null) return true;
    deadLetters.send(
        new DeadLetter(
            DeadLetterReason.QUARANTINED,
            policy.deadLetterMessage(o.stream(), s),
            o.stream(),
            o.source()),
        out::output);
    return false;
  }

  /**
   * Whether to process the current stream's record in a stage that is not the record's only use
   * (the drift monitor): a quarantined stream's record is skipped there, without a dead letter.
   */
  public boolean admitWithoutDeadLetter() throws IOException {
    return quarantine() == null;
  }

  /**
   * Reads the current stream's failure record, noting whether it has one (for {@link #succeeded});
   * returns it while the stream is quarantined, else null.
   */
  private QuarantineState quarantine() throws IOException {
    QuarantineState s = state.value();
    admittedFailing = s != null;
    return s != null && s.quarantined() ? s : null;
  }

  /** The record was processed: the stream's run of failures ends. */
  public void succeeded() {
    if (admittedFailing) state.clear(); // admitted, so not quarantined
    admittedFailing = false;
  }

  /**
   * Processing {@code o} threw {@code t}: dead-letters the record, counts the failure and
   * quarantines the stream after too many in a row. Rethrows what is the job's fault.
   */
  public void failed(Throwable t, Observation o, TimerService timers, SideOutput out)
      throws Exception {
    Failures.rethrowIfFatal(t);
    internalErrors.inc();
    deadLetters.send(
        new DeadLetter(
            DeadLetterReason.INTERNAL_ERROR, Failures.describe(t), o.stream(), o.source()),
        out::output);
    QuarantineState s = state.value();
    long now = timers.currentProcessingTime();
    if (s == null) s = new QuarantineState();
    s.lastFailureAt = now;
    timers.registerProcessingTimeTimer(forgetAt(now));
    Alert alert = policy.onFailure(s, o.stream(), now, t.getClass().getSimpleName());
    state.update(s);
    if (alert != null) {
      timers.registerProcessingTimeTimer(s.releaseAt);
      alerts.count(alert);
      out.output(SideOutputs.ALERTS, alert);
    }
  }

  /**
   * A timer of the function: releases the stream if it is its quarantine's end. Returns whether the
   * timer was the guard's.
   */
  public boolean onTimer(long timestamp, TimeDomain domain, String stream, SideOutput out)
      throws IOException {
    if (domain != TimeDomain.PROCESSING_TIME) return false;
    QuarantineState s = state.value();
    if (s == null) return false;
    if (s.releaseAt != timestamp) {
      // A forget timer (one per failure): the latest failure's clears a run that is not quarantined
      if (s.quarantined() || timestamp < forgetAt(s.lastFailureAt)) return false;
      state.clear();
      return true;
    }
    state.clear();
    Alert released = policy.released(stream, timestamp);
    alerts.count(released);
    out.output(SideOutputs.ALERTS, released);
    return true;
  }

  private long forgetAt(long failureAt) {
    return failureAt > Long.MAX_VALUE - forgetAfterMs ? Long.MAX_VALUE : failureAt + forgetAfterMs;
  }
}
