package io.chaoscast.jobs.quality;

/**
 * Per-stream data-quality state, kept in Flink keyed state (a POJO: public fields, no-arg
 * constructor, so Flink serialises it without Kryo).
 */
public class QualityState {
  /** The stream's channel count: its first record's, re-learned when another one persists. */
  public int channels;

  /** Consecutive records with another channel count, all with {@link #mismatchChannels}. */
  public int mismatchRun;

  /** The channel count of the current mismatch run; 0 when there is none. */
  public int mismatchChannels;

  /**
   * Processing time the state was created or last accepted a record. Rejected records write the
   * state too, which refreshes Flink's TTL; this is what the stream's expiry is measured from, so
   * that rejected records alone cannot keep a stream's learned state alive. {@link #UNKNOWN} in
   * state restored from a job that did not keep it (the no-arg constructor's value).
   */
  public long acceptedAtMs = UNKNOWN;

  /** {@link #acceptedAtMs} not known yet: counted from the next record. */
  public static final long UNKNOWN = Long.MIN_VALUE;

  /** Event time of the last accepted record, or Long.MIN_VALUE before the first. */
  public long lastTimestamp = Long.MIN_VALUE;

  /** Estimated sample interval (ms): the mean over the warm-up, then an EMA of normal intervals. */
  public double intervalMs;

  /** Intervals seen so far (capped once past the warm-up). */
  public int intervals;

  /** Event time at which silence becomes a gap, or Long.MAX_VALUE when not armed. */
  public long gapDeadline = Long.MAX_VALUE;

  /** Last accepted values, for flat-line detection. */
  public double[] lastValues;

  /** Per channel, how many consecutive samples had exactly the same value. */
  public int[] flatRuns;

  /** Shift register over the most recent records: bit set = record had non-finite values. */
  public long nonFiniteBits;

  /** Bit {@code kind.ordinal()} set while an alert of that kind is open. */
  public int openKinds;

  /** Event time at which each open alert kind opened, by ordinal. */
  public long[] openedAt = new long[8];

  public QualityState() {}
}
