package io.chaoscast.connectors.synthetic;

/** Sleeping for open-loop generators, which must keep their schedule whatever the consumer does. */
public final class Pacing {

  private Pacing() {}

  /**
   * Sleeps about {@code nanos}; an interrupt ends the sleep and stays set for the caller's loop.
   */
  public static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
