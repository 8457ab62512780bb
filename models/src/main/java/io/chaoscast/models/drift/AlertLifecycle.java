package io.chaoscast.models.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/**
 * The OPEN/RESOLVED state machine of one alert kind on one stream (docs/drift.md, "Alert
 * lifecycle"): an alert opens after {@code minDurationBlocks} consecutive blocks in which some
 * signal of its kind fires, is never raised twice while open (de-duplication: later firings only
 * update it), resolves after {@code resolveBlocks} consecutive blocks in which every signal of its
 * kind is back inside the resolve band (hysteresis: resolveZ < openZ), and cannot reopen for {@code
 * cooldownBlocks} blocks after resolving.
 */
public final class AlertLifecycle {

  private final AlertKind kind;
  private final MonitorConfig config;
  private boolean open;
  private int pending;
  private int quiet;
  private long cooldownUntil = Long.MIN_VALUE;
  private double openedAt = Double.NaN;
  private double since = Double.NaN;
  private double peak;

  /**
   * The signals of the open alert; made on the first opening (a monitor has five lifecycles, and
   * most streams never open an alert: their state stays small).
   */
  private EnumMap<Signal, SignalExcursion> fired;

  private long suppressed;

  public AlertLifecycle(AlertKind kind, MonitorConfig config) {
    this.kind = kind;
    this.config = config;
  }

  /**
   * An anomaly is short by nature and opens in its first firing block; a drift must last {@code
   * minDurationBlocks}.
   */
  private int minDurationBlocks() {
    return kind == AlertKind.ANOMALY ? 1 : config.minDurationBlocks();
  }

  public boolean isOpen() {
    return open;
  }

  /** Blocks in which an alert would have opened but the cool-down held it back. */
  public long suppressedBlocks() {
    return suppressed;
  }

  /**
   * Advances one block.
   *
   * @param block block index (for the cool-down)
   * @param time stream time of the block
   * @param firing excursions of this kind's signals that fire in this block
   * @param active whether any signal of this kind is outside the resolve band
   */
  public Optional<AlertEvent> step(
      String stream, long block, double time, List<SignalExcursion> firing, boolean active) {
    if (!open) {
      pending = firing.isEmpty() ? 0 : pending + 1;
      if (pending < minDurationBlocks()) return Optional.empty();
      if (block < cooldownUntil) {
        suppressed++;
        return Optional.empty();
      }
      open = true;
      quiet = 0;
      openedAt = time;
      since = Double.POSITIVE_INFINITY;
      peak = 0;
      fired = new EnumMap<>(Signal.class);
      merge(firing);
      return Optional.of(event(stream, AlertPhase.OPEN, time));
    }
    merge(firing);
    quiet = active ? 0 : quiet + 1;
    if (quiet < config.resolveBlocks()) return Optional.empty();
    AlertEvent resolved = event(stream, AlertPhase.RESOLVED, time);
    open = false;
    pending = 0;
    cooldownUntil = block + config.cooldownBlocks();
    return Optional.of(resolved);
  }

  /** The running state (not the kind or settings), for {@link StreamMonitorState}. */
  void writeState(DataOutput out) throws IOException {
    out.writeBoolean(open);
    out.writeInt(pending);
    out.writeInt(quiet);
    out.writeLong(cooldownUntil);
    out.writeDouble(openedAt);
    out.writeDouble(since);
    out.writeDouble(peak);
    out.writeLong(suppressed);
    out.writeInt(fired == null ? 0 : fired.size());
    for (SignalExcursion e : fired == null ? List.<SignalExcursion>of() : fired.values()) {
      out.writeUTF(e.signal().name());
      out.writeInt(e.detectors().size());
      for (String d : e.detectors()) out.writeUTF(d);
      out.writeDouble(e.z());
      out.writeDouble(e.value());
      out.writeDouble(e.baselineMedian());
      out.writeDouble(e.sinceSeconds());
    }
  }

  void readState(DataInput in) throws IOException {
    open = in.readBoolean();
    pending = in.readInt();
    quiet = in.readInt();
    cooldownUntil = in.readLong();
    openedAt = in.readDouble();
    since = in.readDouble();
    peak = in.readDouble();
    suppressed = in.readLong();
    int n = StateIO.length(in, Signal.values().length, "signals of an open alert");
    fired = n == 0 && !open ? null : new EnumMap<>(Signal.class);
    for (int i = 0; i < n; i++) {
      Signal signal = StreamMonitorState.signal(in.readUTF());
      int count = StateIO.length(in, StreamMonitorState.DETECTORS, "detectors of a signal");
      List<String> detectors = new ArrayList<>(count);
      for (int j = 0; j < count; j++) detectors.add(in.readUTF());
      fired.put(
          signal,
          new SignalExcursion(
              signal,
              detectors,
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble()));
    }
  }

  private void merge(List<SignalExcursion> firing) {
    for (SignalExcursion e : firing) {
      since = Math.min(since, e.sinceSeconds());
      peak = Math.max(peak, Math.abs(e.z()));
      SignalExcursion old = fired.get(e.signal());
      if (old == null || Math.abs(e.z()) > Math.abs(old.z())) {
        List<String> detectors = new ArrayList<>(e.detectors());
        if (old != null) {
          for (String d : old.detectors()) if (!detectors.contains(d)) detectors.add(d);
        }
        fired.put(
            e.signal(),
            new SignalExcursion(
                e.signal(),
                detectors,
                e.z(),
                e.value(),
                e.baselineMedian(),
                old == null ? e.sinceSeconds() : Math.min(old.sinceSeconds(), e.sinceSeconds())));
      }
    }
  }

  private AlertEvent event(String stream, AlertPhase phase, double time) {
    Severity severity = peak >= config.criticalZ() ? Severity.CRITICAL : Severity.WARNING;
    return new AlertEvent(
        stream, kind, phase, severity, time, openedAt, since, new ArrayList<>(fired.values()), 1);
  }
}
