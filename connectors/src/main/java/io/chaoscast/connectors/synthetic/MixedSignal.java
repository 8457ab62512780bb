package io.chaoscast.connectors.synthetic;

import java.util.List;
import java.util.Random;

/**
 * An EEG-like multichannel signal: a low-dimensional source seen through a fixed random mixing
 * matrix plus independent sensor noise, as scalp electrodes see a few cortical sources through
 * volume conduction (the linear instantaneous mixing model behind ICA for EEG). Channels are
 * therefore correlated but not identical, and the noise sets a floor on predictability.
 */
public final class MixedSignal implements SignalSource {

  private final SignalSource source;
  private final double[][] mixing;
  private final double noiseStd;
  private final Random random;
  private final List<String> names;

  public MixedSignal(SignalSource source, int channels, double noiseStd, long seed, String prefix) {
    this.source = source;
    this.noiseStd = noiseStd;
    this.random = new Random(seed);
    int d = source.channelNames().size();
    this.mixing = new double[channels][d];
    for (double[] row : mixing) {
      for (int j = 0; j < d; j++) row[j] = random.nextGaussian() / Math.sqrt(d);
    }
    this.names = SignalSource.numberedNames(prefix, channels);
  }

  @Override
  public List<String> channelNames() {
    return names;
  }

  @Override
  public double[] next() {
    double[] s = source.next();
    double[] out = new double[mixing.length];
    for (int c = 0; c < out.length; c++) {
      double v = 0;
      for (int j = 0; j < s.length; j++) v += mixing[c][j] * s[j];
      out[c] = v + noiseStd * random.nextGaussian();
    }
    return out;
  }
}
