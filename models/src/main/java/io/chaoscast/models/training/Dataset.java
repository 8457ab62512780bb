package io.chaoscast.models.training;

import io.chaoscast.models.catalog.CatalogEntry;
import io.chaoscast.models.catalog.Sampling;
import io.chaoscast.models.catalog.SystemCatalog;
import io.chaoscast.models.cli.CsvSeries;
import io.chaoscast.models.integrate.Trajectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A uniformly sampled series with where it came from, its sampling interval and (if known) its
 * largest Lyapunov exponent.
 *
 * @param source {@code system:NAME} or a file path
 * @param values time-major {@code x[t][c]}
 * @param dt sampling interval in seconds
 * @param lyapunovExponent lambda_1 per second, NaN if unknown
 */
public record Dataset(String source, double[][] values, double dt, double lyapunovExponent) {

  /** The benchmark's sampling density: 30 points per Lyapunov time (PhyxMamba, Gilpin 2021). */
  public static final double POINTS_PER_LYAPUNOV_TIME = 30;

  /**
   * {@code points} samples of a catalogue system at 30 points per Lyapunov time after the
   * transient, with the catalogue's (dysts) lambda_1.
   */
  public static Dataset simulate(String system, int points) {
    return simulate(system, points, POINTS_PER_LYAPUNOV_TIME);
  }

  /** As {@link #simulate(String, int)} at another sampling density (e.g. a stream's). */
  public static Dataset simulate(String system, int points, double pointsPerLyapunovTime) {
    CatalogEntry e = SystemCatalog.standard().get(system);
    Trajectory t = e.simulate(points, Sampling.perLyapunovTime(pointsPerLyapunovTime));
    return new Dataset("system:" + e.name(), t.values(), t.dt(), e.reference().maximumLyapunov());
  }

  /** A CSV (time column first) with a given or unknown (NaN) lambda_1. */
  public static Dataset csv(Path file, double lyapunovExponent) throws IOException {
    CsvSeries s = CsvSeries.read(file);
    return new Dataset(file.toString(), s.values(), s.samplingInterval(), lyapunovExponent);
  }

  /**
   * A file path if it exists, else a catalogue system name (optionally {@code system:NAME})
   * simulated for {@code points} samples.
   */
  public static Dataset resolve(String source, int points, double lyapunovExponent)
      throws IOException {
    return resolve(source, points, POINTS_PER_LYAPUNOV_TIME, lyapunovExponent);
  }

  /** As above, simulating systems at {@code pointsPerLyapunovTime}. */
  public static Dataset resolve(
      String source, int points, double pointsPerLyapunovTime, double lyapunovExponent)
      throws IOException {
    Path p = Path.of(source);
    if (!source.startsWith("system:") && Files.isRegularFile(p)) return csv(p, lyapunovExponent);
    return simulate(
        source.startsWith("system:") ? source.substring(7) : source, points, pointsPerLyapunovTime);
  }

  public int channels() {
    return values[0].length;
  }

  public int size() {
    return values.length;
  }

  /** Samples [from, to) as a new dataset with the same metadata. */
  public Dataset slice(int from, int to) {
    return new Dataset(source, Arrays.copyOfRange(values, from, to), dt, lyapunovExponent);
  }

  /** Steps per Lyapunov time, NaN if lambda_1 is unknown. */
  public double stepsPerLyapunovTime() {
    return 1.0 / (lyapunovExponent * dt);
  }
}
