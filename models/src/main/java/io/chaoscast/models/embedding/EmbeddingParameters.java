package io.chaoscast.models.embedding;

/**
 * Delay-embedding parameters for a multichannel series and how they were chosen.
 *
 * @param tau delay per channel, in samples
 * @param dimension m, delays per channel (the vector has m x channels coordinates)
 * @param tauMethods how each tau was found (see {@link DelayEstimate#method()})
 * @param fnnDimension m from false nearest neighbours (-1 when not estimated)
 * @param caoDimension m from Cao's E1 (-1 when not estimated)
 */
public record EmbeddingParameters(
    int[] tau, int dimension, String[] tauMethods, int fnnDimension, int caoDimension) {

  public EmbeddingParameters {
    tau = tau.clone();
    tauMethods = tauMethods.clone();
  }

  /** Configured (not estimated) parameters: the same tau for every channel. */
  public static EmbeddingParameters fixed(int channels, int tau, int m) {
    int[] t = new int[channels];
    String[] methods = new String[channels];
    java.util.Arrays.fill(t, tau);
    java.util.Arrays.fill(methods, "configured");
    return new EmbeddingParameters(t, m, methods, -1, -1);
  }

  @Override
  public int[] tau() {
    return tau.clone();
  }

  @Override
  public String[] tauMethods() {
    return tauMethods.clone();
  }

  /** Samples spanned by one delay vector: max_c (m - 1) tau_c + 1. */
  public int span() {
    int s = 0;
    for (int t : tau) s = Math.max(s, (dimension - 1) * t);
    return s + 1;
  }
}
