package io.chaoscast.models.embedding;

/**
 * Estimates embedding parameters for a multichannel series: tau per channel ({@link
 * DelayEstimator}), then m for all channels jointly, by Cao's E1 (the value used; parameter-free
 * apart from the saturation level) and by FNN (reported as a cross-check). Both exclude temporal
 * neighbours within max_c tau_c.
 */
public final class EmbeddingEstimator {

  public static final int DEFAULT_MAX_DIMENSION = 8;

  private EmbeddingEstimator() {}

  /**
   * @param channels channel-major series {@code channels[c][t]}
   */
  public static EmbeddingParameters estimate(double[][] channels) {
    return estimate(channels, DEFAULT_MAX_DIMENSION);
  }

  public static EmbeddingParameters estimate(double[][] channels, int mMax) {
    int d = channels.length;
    int[] tau = new int[d];
    String[] methods = new String[d];
    int theiler = 0;
    for (int c = 0; c < d; c++) {
      DelayEstimate e = DelayEstimator.estimate(channels[c]);
      tau[c] = e.tau();
      methods[c] = e.method();
      theiler = Math.max(theiler, e.tau());
    }
    CaoMethod.Result cao = CaoMethod.estimate(channels, tau, mMax, theiler);
    FalseNearestNeighbours.Result fnn =
        FalseNearestNeighbours.estimate(channels, tau, mMax, theiler);
    return new EmbeddingParameters(tau, cao.dimension(), methods, fnn.dimension(), cao.dimension());
  }
}
