package io.chaoscast.models.baselines;

import io.chaoscast.models.forecast.WindowForecaster;
import io.chaoscast.models.metrics.Standardisation;

/**
 * Next-generation reservoir computing (Gauthier, Bollt, Griffith and Barbosa 2021, "Next generation
 * reservoir computing", Nat. Commun. 12:5564), fitted afresh on each context window: the {@link
 * NvarModelForecaster} fitted on the window itself, standardised per channel with the window's own
 * mean and standard deviation, then rolled out from the window's end.
 *
 * <p>Rollouts are clamped to the window's bounding box widened by half its range on each side
 * ({@link Bounds}): the attractor of a dissipative system is bounded, and an unstable fit must not
 * emit values that run off to infinity.
 */
public final class NvarForecaster implements WindowForecaster {

  private static final long serialVersionUID = 1L;

  private final int delays;
  private final int spacing;
  private final double ridge;

  /**
   * @param delays k, the number of delayed states in the linear part (the embedding dimension)
   * @param spacing s, samples between delayed states (the embedding delay)
   * @param ridge Tikhonov regularisation, on standardised features
   */
  public NvarForecaster(int delays, int spacing, double ridge) {
    if (delays < 1 || spacing < 1 || ridge < 0) {
      throw new IllegalArgumentException("need delays >= 1, spacing >= 1, ridge >= 0");
    }
    this.delays = delays;
    this.spacing = spacing;
    this.ridge = ridge;
  }

  @Override
  public String id() {
    return "nvar-k" + delays + "-s" + spacing + "@1";
  }

  @Override
  public int minContextLength() {
    // enough rows for a meaningful fit even with ridge: twice the delay span plus ten
    return 2 * (delays - 1) * spacing + 10;
  }

  @Override
  public double[][] forecastWindow(double[][] context, int horizon) {
    return fitWindow(context).forecastWindow(context, horizon);
  }

  /** The NVAR this forecaster fits on {@code context} (standardised with its own statistics). */
  public NvarModelForecaster fitWindow(double[][] context) {
    return NvarModelForecaster.fitUnchecked(
        context, delays, spacing, ridge, Standardisation.fit(context));
  }

  /**
   * Features per row for {@code channels} channels: constant, linear and unique quadratic terms.
   */
  public int featureCount(int channels) {
    return NvarModelForecaster.featureCount(delays, channels);
  }
}
