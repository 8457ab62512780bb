package io.chaoscast.jobs.state;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.TimerService;

/**
 * The time-to-live of per-stream keyed state ({@code stream_state_ttl_ms}): a stream silent for
 * that long is forgotten. Two ways to remove what has expired, because Flink's heap backend cleans
 * in the background by visiting state entries on every access of the state (incremental cleanup),
 * and that visit is not free:
 *
 * <ul>
 *   <li>{@link #incremental}: for state accessed at the rate of forecasts or alerts. One entry per
 *       access sweeps the whole state many times a minute, so Flink's default of five only
 *       multiplies the work (a JFR profile of the soak test, docs/loadtest.md, spent a quarter of
 *       the job's CPU there).
 *   <li>{@link #ownCleanup}: for state accessed on every observation, and for state few streams
 *       hold. There the visit cost most: with a few streams per key group, each access creates a
 *       visitor per key-group map (16 % of the bytes the default job allocated under load, 3 % of
 *       its CPU), and over an almost empty state it scans every empty hash table. The function
 *       removes its entries itself: it registers an {@link #expiryTimer} when it writes ({@link
 *       #registerExpiryTimer}), and on that processing-time timer reads the state, which removes a
 *       value whose TTL has passed. The TTL hides a value that is too old in any case.
 * </ul>
 */
public final class StreamStateTtl {

  private StreamStateTtl() {}

  /** For state accessed at the rate of forecasts or alerts: Flink's background cleanup. */
  public static StateTtlConfig incremental(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl).cleanupIncrementally(1, false).build();
  }

  /** For state whose function removes expired entries itself (on an {@link #expiryTimer}). */
  public static StateTtlConfig ownCleanup(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl).disableCleanupInBackground().build();
  }

  /** Registers the {@link #expiryTimer} of a write made now (one per stream and time). */
  public static void registerExpiryTimer(TimerService timers, Duration ttl) {
    registerExpiryTimer(timers, timers.currentProcessingTime(), ttl);
  }

  /**
   * The same for a function that has read the clock for this record already: its {@code now}, not a
   * second read on every record.
   */
  public static void registerExpiryTimer(TimerService timers, long now, Duration ttl) {
    timers.registerProcessingTimeTimer(expiryTimer(now, ttl));
  }

  /**
   * When to look for the expired leftovers of a write made at {@code now}: at least the TTL after
   * it, rounded up to a quarter of the TTL, so that a stream's writes share a few timers (Flink
   * keeps one timer per key and time).
   */
  public static long expiryTimer(long now, Duration ttl) {
    long ttlMs = Math.max(1, ttl.toMillis());
    long grain = Math.max(1, ttlMs / 4);
    if (now > Long.MAX_VALUE - ttlMs - grain) return Long.MAX_VALUE;
    return ((now + ttlMs) / grain + 1) * grain;
  }
}
