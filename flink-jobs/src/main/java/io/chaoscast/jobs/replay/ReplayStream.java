package io.chaoscast.jobs.replay;

/**
 * One series to replay as the observations of one stream.
 *
 * @param stream stream id
 * @param times sample times in seconds from the start of the replay, increasing
 * @param values time-major samples {@code values[t][c]}
 */
public record ReplayStream(String stream, double[] times, double[][] values) {

  public ReplayStream {
    if (times.length != values.length || times.length == 0) {
      throw new IllegalArgumentException("times and values must be non-empty and equally long");
    }
  }
}
