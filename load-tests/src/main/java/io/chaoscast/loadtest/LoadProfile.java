package io.chaoscast.loadtest;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a load test offers: how many streams, their channel count, each stream's sample rate, and
 * the fraction of records that are deliberately malformed (they must reach the dead-letter topic
 * and cost the job no more than a parse).
 *
 * @param ratesHz samples per second of each stream (one entry per stream)
 */
public record LoadProfile(String name, int channels, double[] ratesHz, double badFraction) {

  /** Event times are whole milliseconds: above 1 kHz two samples of a stream would collide. */
  public static final double MAX_RATE_HZ = 1000;

  public LoadProfile {
    if (channels < 1 || ratesHz.length < 1) {
      throw new IllegalArgumentException("need at least one stream and one channel");
    }
    for (double r : ratesHz) {
      if (!(r > 0) || r > MAX_RATE_HZ) {
        throw new IllegalArgumentException(
            "rates must be in (0, " + MAX_RATE_HZ + "] Hz, not " + r);
      }
    }
    if (!(badFraction >= 0 && badFraction < 1)) {
      throw new IllegalArgumentException(
          "bad-record fraction must be in [0, 1), not " + badFraction);
    }
    ratesHz = ratesHz.clone();
  }

  /** {@code streams} alike: {@code channels} channels at {@code rateHz} each. */
  public static LoadProfile uniform(int streams, int channels, double rateHz, double badFraction) {
    double[] rates = new double[streams];
    Arrays.fill(rates, rateHz);
    return new LoadProfile("uniform", channels, rates, badFraction);
  }

  /** 64-channel EEG amplifiers at 256 Hz. */
  public static LoadProfile eeg(int streams, double badFraction) {
    double[] rates = new double[streams];
    Arrays.fill(rates, 256);
    return new LoadProfile("eeg", 64, rates, badFraction);
  }

  /**
   * Industrial sensors: 3 channels each, rates spread log-uniformly from 1 to 100 Hz over the
   * streams (stream 0 at 1 Hz, the last at 100 Hz).
   */
  public static LoadProfile industrial(int streams, double badFraction) {
    double[] rates = new double[streams];
    for (int s = 0; s < streams; s++) {
      rates[s] = streams == 1 ? 1 : Math.pow(100, (double) s / (streams - 1));
    }
    return new LoadProfile("industrial", 3, rates, badFraction);
  }

  public static LoadProfile of(
      String name, int streams, int channels, double rateHz, double badFraction) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "uniform" -> uniform(streams, channels, rateHz, badFraction);
      case "eeg" -> eeg(streams, badFraction);
      case "industrial" -> industrial(streams, badFraction);
      default ->
          throw new IllegalArgumentException(
              "unknown profile '" + name + "' (uniform, eeg, industrial)");
    };
  }

  @Override
  public double[] ratesHz() {
    return ratesHz.clone();
  }

  public int streams() {
    return ratesHz.length;
  }

  /** Events per second offered, summed over streams. */
  public double offeredEventsPerS() {
    return Arrays.stream(ratesHz).sum();
  }

  public double meanRateHz() {
    return offeredEventsPerS() / streams();
  }

  public String describe() {
    double min = Arrays.stream(ratesHz).min().orElseThrow();
    double max = Arrays.stream(ratesHz).max().orElseThrow();
    String rate =
        min == max
            ? String.format(Locale.ROOT, "%.0f Hz", min)
            : String.format(Locale.ROOT, "%.0f-%.0f Hz", min, max);
    return String.format(
        Locale.ROOT,
        "%s profile: %d streams x %d channels at %s (%.0f events/s offered), %.1f%% malformed",
        name,
        streams(),
        channels,
        rate,
        offeredEventsPerS(),
        100 * badFraction);
  }
}
