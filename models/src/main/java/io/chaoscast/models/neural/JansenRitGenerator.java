package io.chaoscast.models.neural;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates an EEG-like stream from a {@link JansenRit} column driven by noisy input. Integrates
 * the stochastic system with the Euler-Maruyama scheme (Kloeden and Platen 1992, sec. 9.1) at a
 * fixed internal step: the noise enters only y4' as A a sigma dW, so the scheme has strong order 1
 * here (additive noise).
 *
 * <p>Owns its random number generator (seeded, so a seed gives a reproducible stream) and its
 * state; not thread-safe. {@link #setParameters} switches regime mid-stream without resetting the
 * state, so a background-to-seizure transition is continuous.
 */
public final class JansenRitGenerator {

  private final SplittableRandom random;
  private final double sampleInterval;
  private final int substeps;
  private final double h;
  private final double[] y = new double[6];
  private final double[] dy = new double[6];
  private JansenRit parameters;
  private long samples;

  /**
   * @param parameters initial regime
   * @param sampleRateHz output samples per second (e.g. 256)
   * @param seed seed of the generator's own random stream
   */
  public JansenRitGenerator(JansenRit parameters, double sampleRateHz, long seed) {
    if (!(sampleRateHz > 0)) throw new IllegalArgumentException("sample rate must be > 0");
    this.parameters = Objects.requireNonNull(parameters);
    this.random = new SplittableRandom(seed);
    this.sampleInterval = 1.0 / sampleRateHz;
    this.substeps = Math.max(1, (int) Math.ceil(sampleInterval / parameters.integrationStep()));
    this.h = sampleInterval / substeps;
  }

  /** Switches to another regime (e.g. {@link JansenRit#seizure()}) from the next sample on. */
  public void setParameters(JansenRit next) {
    this.parameters = Objects.requireNonNull(next);
  }

  public JansenRit parameters() {
    return parameters;
  }

  /** Time of the next sample, in seconds from the start. */
  public double time() {
    return samples * sampleInterval;
  }

  /** Seconds between samples. */
  public double sampleInterval() {
    return sampleInterval;
  }

  /** Advances one sample interval and returns the EEG value y1 - y2 (mV). */
  public double next() {
    JansenRit p = parameters;
    double noiseScale = p.excitatoryGain() * p.excitatoryRate() * p.inputNoise() * Math.sqrt(h);
    for (int s = 0; s < substeps; s++) {
      p.derivative(y, p.inputMean(), dy);
      for (int i = 0; i < 6; i++) y[i] += h * dy[i];
      y[4] += noiseScale * random.nextGaussian();
    }
    samples++;
    return JansenRit.eeg(y);
  }

  /** The next {@code n} samples. */
  public double[] next(int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = next();
    return out;
  }

  /** A copy of the internal six-dimensional state. */
  public double[] state() {
    return y.clone();
  }
}
