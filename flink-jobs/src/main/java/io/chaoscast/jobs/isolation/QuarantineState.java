package io.chaoscast.jobs.isolation;

/** One stream's failure record (a POJO for Flink state); absent for a stream that does not fail. */
public class QuarantineState {

  /** Consecutive failed records since the last success or release. */
  public int failures;

  /** Processing time at which the quarantine ends; 0 while the stream is not quarantined. */
  public long releaseAt;

  /** Processing time of the latest failure: the failures are forgotten a state TTL after it. */
  public long lastFailureAt;

  public QuarantineState() {}

  public boolean quarantined() {
    return releaseAt > 0;
  }
}
