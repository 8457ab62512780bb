package io.chaoscast.jobs.state;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * The time-to-live of per-stream keyed state ({@code stream_state_ttl_ms}): a stream silent for
 * that long is forgotten. Two kinds, because Flink's heap backend cleans expired entries by
 * visiting a few state entries on every access of the state (incremental cleanup), and that visit
 * costs very differently by how full the state is:
 *
 * <ul>
 *   <li>{@link #dense}: state that almost every live stream holds (a window, a monitor). The visit
 *       finds an entry at once; one entry per access sweeps the whole state many times a minute at
 *       any realistic record rate, so Flink's default of five only multiplies the work (a JFR
 *       profile of the soak test, docs/loadtest.md, spent a quarter of the job's CPU there).
 *   <li>{@link #sparse}: state that only a few streams hold (a failure record). A visit over an
 *       almost empty state scans every key group's empty hash table on every access, the costliest
 *       case; so there is no background cleanup, and the owner removes its entries itself (a
 *       timer). The TTL still hides a value that is too old.
 * </ul>
 */
public final class StreamStateTtl {

  private StreamStateTtl() {}

  /** For state with an entry for (almost) every live stream. */
  public static StateTtlConfig dense(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl).cleanupIncrementally(1, false).build();
  }

  /** For state few streams hold, whose owner removes each entry itself. */
  public static StateTtlConfig sparse(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl).disableCleanupInBackground().build();
  }
}
