package io.chaoscast.models.forecast;

import io.chaoscast.models.metrics.Standardisation;

/**
 * Context parroting (Zhang and Gilpin 2025, "Context parroting: a simple but tough-to-beat baseline
 * for foundation models in scientific machine learning", arXiv:2505.11349; the behaviour they found
 * in the zero-shot foundation models of Zhang and Gilpin 2025, "Zero-shot forecasting of chaotic
 * systems", ICLR, arXiv:2409.15771): find the past stretch of the context window that best matches
 * its most recent one and copy what followed it. Nothing is fitted, so a stream is forecast
 * sensibly from its first full window.
 *
 * <p>Definition, on a context x_0 .. x_{L-1} of d channels, each standardised by the window's own
 * mean and standard deviation (so no channel dominates the distance by its units):
 *
 * <ul>
 *   <li>the delay vector at time t is v_t = (x_t, x_{t-tau}, ..., x_{t-(m-1)tau}), m d values (the
 *       motif of the paper, which uses tau = 1). Its length is set in coordinates, not samples: m =
 *       ceil(coordinates / d), at least 1, so that a scalar stream is matched on a motif of several
 *       samples (a single value cannot tell a rising from a falling crossing) while a fully
 *       observed multichannel state needs few. The default of 4 coordinates at tau = 1 was the best
 *       or near it on the validation stretches of Lorenz63, Rossler and Chen, scalar and
 *       three-channel, at 30 and 100 samples per Lyapunov time (docs/forecasting.md);
 *   <li>the match is s* = argmin ||v_s - v_{L-1}|| over (m-1)tau <= s <= L-1-w, the latest such s
 *       on a tie. The exclusion w is the horizon H, as in the paper (s <= t - H), so that the whole
 *       continuation was observed and a temporal neighbour of the present (whose continuation is
 *       the present itself, making a slow persistence forecast) is never the match. Where the
 *       window is too short for that, w shrinks to half the candidate range (at least 1), so that
 *       the search still sees most of the window;
 *   <li>the forecast is x_{L+k} = y_{s*+1+k} for k = 0 .. H-1, y being the context followed by the
 *       forecast itself, in the stream's raw units. Where w < H the copy runs past the end of the
 *       window and goes on repeating the matched stretch, with period L-1-s*.
 * </ul>
 *
 * <p>A periodic signal whose period fits in the window more than once is thus continued exactly.
 * Cost per window: O(L m d) for the search, O(H d) for the copy.
 */
public final class ParrotForecaster implements WindowForecaster {

  private static final long serialVersionUID = 1L;

  /** Delay-vector coordinates when none are configured (see the class comment). */
  public static final int DEFAULT_COORDINATES = 4;

  private final int coordinates;
  private final int delay;

  /**
   * @param coordinates values in the delay vector: m = ceil(coordinates / channels) samples
   * @param delay tau, samples between them
   */
  public ParrotForecaster(int coordinates, int delay) {
    if (coordinates < 1 || delay < 1) {
      throw new IllegalArgumentException("need coordinates >= 1 and delay >= 1");
    }
    this.coordinates = coordinates;
    this.delay = delay;
  }

  @Override
  public String id() {
    return "parrot-c" + coordinates + "-t" + delay + "@1";
  }

  /** For the longest motif, that of a scalar stream; a wider stream needs fewer samples. */
  @Override
  public int minContextLength() {
    // one candidate before the present: span + 1 samples for it, one more for the present
    return (coordinates - 1) * delay + 2;
  }

  /** m: samples in the delay vector of a stream with {@code channels} channels. */
  int motifSamples(int channels) {
    return Math.max(1, (coordinates + channels - 1) / channels);
  }

  @Override
  public double[][] forecastWindow(double[][] context, int horizon) {
    int length = context.length;
    double[][] z = Standardisation.fit(context).apply(context);
    int match = match(z, horizon);

    double[][] series = new double[length + horizon][];
    System.arraycopy(context, 0, series, 0, length);
    double[][] forecast = new double[horizon][];
    for (int k = 0; k < horizon; k++) {
      forecast[k] = series[match + 1 + k].clone();
      series[length + k] = forecast[k];
    }
    return forecast;
  }

  /** s*: the time whose delay vector is nearest the present's (see the class comment). */
  int match(double[][] z, int horizon) {
    int length = z.length;
    int dimension = motifSamples(z[0].length);
    int span = (dimension - 1) * delay;
    int present = length - 1;
    int exclusion = Math.max(1, Math.min(horizon, (present - span) / 2));
    int best = present - exclusion;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int s = present - exclusion; s >= span; s--) {
      double distance = 0;
      for (int k = 0; k < dimension && distance < bestDistance; k++) {
        double[] a = z[s - k * delay];
        double[] b = z[present - k * delay];
        for (int c = 0; c < a.length; c++) distance += (a[c] - b[c]) * (a[c] - b[c]);
      }
      if (distance < bestDistance) { // strict: the latest wins a tie
        bestDistance = distance;
        best = s;
      }
    }
    return best;
  }
}
