package io.chaoscast.jobs.serving;

import java.time.Duration;

/**
 * What one server accepts and holds at most, so that no request, however shaped, can exhaust the
 * heap or the threads. Every size is checked before anything of that size is allocated.
 *
 * @param maxBodyBytes largest request body (413 beyond)
 * @param maxElements largest tensor, in values, on the way in ([B, L, d]) and out ([B, H, d])
 * @param maxHorizon largest {@code parameters.horizon}
 * @param maxQueue most inference requests admitted at once, parsed and waiting for or in a model
 *     call; one more is shed with 503 and {@code Retry-After}
 * @param maxBufferedBodyBytes most request-body bytes held by all connections together while they
 *     are still arriving (slow uploads cannot add up to the heap); one more is shed with 503
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param requestTimeout a request that has not been answered this long after its headers arrived
 *     gets 408 (body still arriving) or 503 (inference)
 */
public record ServeLimits(
    long maxBodyBytes,
    long maxElements,
    int maxHorizon,
    int maxQueue,
    long maxBufferedBodyBytes,
    Duration idleTimeout,
    Duration requestTimeout) {

  public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;
  public static final long DEFAULT_MAX_ELEMENTS = 1L << 18;
  public static final int DEFAULT_MAX_HORIZON = 100_000;
  public static final int DEFAULT_MAX_QUEUE = 32;

  public ServeLimits {
    require(maxBodyBytes >= 1024 && maxBodyBytes <= Integer.MAX_VALUE - 16, "max body bytes");
    require(maxElements >= 1 && maxElements <= Integer.MAX_VALUE - 16, "max elements");
    require(maxHorizon >= 1, "max horizon");
    require(maxQueue >= 1, "max queue");
    require(maxBufferedBodyBytes >= maxBodyBytes, "max buffered body bytes (>= max body bytes)");
    require(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idle timeout");
    require(!requestTimeout.isNegative() && !requestTimeout.isZero(), "request timeout");
  }

  /**
   * The defaults: a 64-window bundle of 200 x 3 samples (38,400 values, about 750 KB of JSON) fits
   * well within them; bodies still arriving may hold a quarter of the heap at most.
   */
  public static ServeLimits defaults() {
    return of(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_QUEUE);
  }

  /** The defaults with the three limits the command line sets. */
  public static ServeLimits of(long maxBodyBytes, long maxElements, int maxQueue) {
    return new ServeLimits(
        maxBodyBytes,
        maxElements,
        DEFAULT_MAX_HORIZON,
        maxQueue,
        Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / 4),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  private static void require(boolean ok, String what) {
    if (!ok) throw new IllegalArgumentException("invalid " + what);
  }
}
