package io.chaoscast.models.drift;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bounds alert volume across streams (docs/drift.md, "Alert storms"): sits after the per-stream
 * monitors and sees every event in stream-time order. While at most {@code maxOpens} alerts opened
 * within the last {@code windowSeconds}, events pass through. When one more opens, a single {@link
 * AlertKind#DRIFT_STORM} OPEN is emitted instead, and from then on individual OPEN events (and the
 * RESOLVED events of the alerts it absorbed) are held back and counted. The storm resolves once the
 * window holds no more than {@code maxOpens / 2} openings; its RESOLVED event carries the number of
 * absorbed alerts. So at most maxOpens + 2 events reach the operator per window, however many
 * streams change. Serialisable; one instance per job (or per tenant).
 */
public final class AlertStormGuard implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_WINDOW_SECONDS = 60;
  public static final int DEFAULT_MAX_OPENS = 10;

  private final double windowSeconds;
  private final int maxOpens;
  private final ArrayDeque<Double> opens = new ArrayDeque<>();
  private final HashSet<String> absorbed = new HashSet<>();
  private boolean storm;
  private double stormOpenedAt;
  private int absorbedCount;

  public AlertStormGuard(double windowSeconds, int maxOpens) {
    if (!(windowSeconds > 0) || maxOpens < 1) throw new IllegalArgumentException("bad limits");
    this.windowSeconds = windowSeconds;
    this.maxOpens = maxOpens;
  }

  public static AlertStormGuard withDefaults() {
    return new AlertStormGuard(DEFAULT_WINDOW_SECONDS, DEFAULT_MAX_OPENS);
  }

  public boolean inStorm() {
    return storm;
  }

  /** The events to forward for one incoming event (none, it, or an aggregate). */
  public List<AlertEvent> accept(AlertEvent e) {
    double t = e.timeSeconds();
    prune(t);
    String key = e.streamId() + "|" + e.kind();
    if (e.phase() == AlertPhase.RESOLVED) {
      if (absorbed.remove(key)) return advance(t).map(List::of).orElse(List.of());
      return List.of(e);
    }
    opens.addLast(t);
    if (storm) {
      absorbed.add(key);
      absorbedCount++;
      return List.of();
    }
    if (opens.size() <= maxOpens) return List.of(e);
    storm = true;
    stormOpenedAt = t;
    absorbed.add(key);
    absorbedCount = 1;
    return List.of(aggregate(AlertPhase.OPEN, t, opens.size()));
  }

  /** Advances stream time (e.g. on a watermark); may resolve the storm. */
  public Optional<AlertEvent> advance(double time) {
    prune(time);
    if (!storm || opens.size() > maxOpens / 2) return Optional.empty();
    storm = false;
    AlertEvent resolved = aggregate(AlertPhase.RESOLVED, time, absorbedCount);
    absorbedCount = 0;
    return Optional.of(resolved);
  }

  private void prune(double time) {
    while (!opens.isEmpty() && opens.peekFirst() <= time - windowSeconds) opens.removeFirst();
  }

  private AlertEvent aggregate(AlertPhase phase, double time, int streams) {
    Severity severity = streams > 2 * maxOpens ? Severity.CRITICAL : Severity.WARNING;
    return new AlertEvent(
        "*",
        AlertKind.DRIFT_STORM,
        phase,
        severity,
        time,
        stormOpenedAt,
        stormOpenedAt,
        List.of(),
        streams);
  }

  /**
   * The guard's state as plain values, so that a checkpoint can store it field by field instead of
   * through Java serialization (whose readers run code chosen by whoever wrote the bytes).
   *
   * @param opens stream times of the openings within the window, oldest first
   * @param absorbed keys (stream|kind) of absorbed alerts still open
   */
  public record Snapshot(
      double windowSeconds,
      int maxOpens,
      double[] opens,
      List<String> absorbed,
      boolean storm,
      double stormOpenedAt,
      int absorbedCount) {}

  public Snapshot snapshot() {
    double[] times = opens.stream().mapToDouble(Double::doubleValue).toArray();
    return new Snapshot(
        windowSeconds, maxOpens, times, List.copyOf(absorbed), storm, stormOpenedAt, absorbedCount);
  }

  /** The guard a {@link #snapshot()} was taken of. */
  public static AlertStormGuard restore(Snapshot s) {
    var g = new AlertStormGuard(s.windowSeconds(), s.maxOpens());
    for (double t : s.opens()) g.opens.addLast(t);
    g.absorbed.addAll(s.absorbed());
    g.storm = s.storm();
    g.stormOpenedAt = s.stormOpenedAt();
    g.absorbedCount = s.absorbedCount();
    return g;
  }

  /** Keys (stream|kind) of absorbed alerts still open; for inspection and tests. */
  Set<String> absorbedKeys() {
    return Set.copyOf(absorbed);
  }
}
