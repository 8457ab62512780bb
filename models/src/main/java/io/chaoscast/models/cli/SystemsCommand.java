package io.chaoscast.models.cli;

import io.chaoscast.models.catalog.CatalogEntry;
import io.chaoscast.models.catalog.Sampling;
import io.chaoscast.models.catalog.SystemCatalog;
import io.chaoscast.models.catalog.SystemKind;
import io.chaoscast.models.integrate.Trajectory;
import io.chaoscast.models.neural.JansenRit;
import io.chaoscast.models.neural.JansenRitGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./forecaster systems} and {@code ./forecaster simulate SYSTEM --points N
 * [--points-per-lyapunov K] --out FILE.csv}. Time units of the equations are written as seconds.
 * Besides the catalogue, {@code jansenrit} and {@code jansenrit-seizure} simulate the EEG-like
 * neural-mass source at 256 Hz (seed 1), and {@code jansenrit-onset} switches from background to
 * seizure half-way.
 */
public final class SystemsCommand {

  /** Default sampling when --points-per-lyapunov is not given: 100 points per period. */
  public static final double DEFAULT_POINTS_PER_PERIOD = 100;

  public static final double EEG_SAMPLE_RATE_HZ = 256;

  private final SystemCatalog catalog;

  public SystemsCommand(SystemCatalog catalog) {
    this.catalog = catalog;
  }

  public static SystemsCommand standard() {
    return new SystemsCommand(SystemCatalog.standard());
  }

  /** All built-in systems, catalogue order, then the EEG sources. */
  public List<SystemInfo> list() {
    List<SystemInfo> out = new ArrayList<>();
    for (CatalogEntry e : catalog.all()) {
      out.add(
          new SystemInfo(
              e.name(),
              e.kind().name().toLowerCase(java.util.Locale.ROOT),
              e.dimension(),
              e.reference().maximumLyapunov(),
              e.reference().lyapunovSource(),
              e.reference().period(),
              e.citation()));
    }
    String jr = "Jansen and Rit (1995), Biol. Cybern. 73:357; Wendling et al. (2000)";
    for (String n : List.of("jansenrit", "jansenrit-seizure", "jansenrit-onset")) {
      out.add(new SystemInfo(n, "eeg", 1, Double.NaN, "none", Double.NaN, jr));
    }
    return out;
  }

  /**
   * Simulates a system to CSV.
   *
   * @param pointsPerLyapunov samples per Lyapunov time, or NaN for {@link
   *     #DEFAULT_POINTS_PER_PERIOD} per period (ignored for maps and EEG sources)
   */
  public SimulationResult simulate(String system, int points, double pointsPerLyapunov, Path out)
      throws IOException {
    if (system.toLowerCase(java.util.Locale.ROOT).startsWith("jansenrit")) {
      return simulateEeg(system.toLowerCase(java.util.Locale.ROOT), points, out);
    }
    CatalogEntry e = catalog.get(system);
    Sampling sampling =
        Double.isNaN(pointsPerLyapunov)
            ? Sampling.perPeriod(DEFAULT_POINTS_PER_PERIOD)
            : Sampling.perLyapunovTime(pointsPerLyapunov);
    if (e.kind() != SystemKind.MAP
        && sampling.basis() == Sampling.Basis.LYAPUNOV_TIME
        && !(e.reference().maximumLyapunov() > 0)) {
      throw new IllegalArgumentException(e.name() + " has no reference Lyapunov exponent");
    }
    Trajectory tr = e.simulate(points, sampling);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < tr.dimension(); c++) names.add("x" + c);
    new CsvSeries(names, tr.times(), tr.values()).write(out);
    return new SimulationResult(e.name(), points, tr.dt(), out);
  }

  private SimulationResult simulateEeg(String name, int points, Path out) throws IOException {
    JansenRit start =
        switch (name) {
          case "jansenrit", "jansenrit-onset" -> JansenRit.background();
          case "jansenrit-seizure" -> JansenRit.seizure();
          default -> throw new IllegalArgumentException("unknown EEG source " + name);
        };
    JansenRitGenerator g = new JansenRitGenerator(start, EEG_SAMPLE_RATE_HZ, 1L);
    g.next((int) EEG_SAMPLE_RATE_HZ * 2); // 2 s transient
    double[] t = new double[points];
    double[][] v = new double[points][1];
    for (int i = 0; i < points; i++) {
      if (name.equals("jansenrit-onset") && i == points / 2) g.setParameters(JansenRit.seizure());
      t[i] = i * g.sampleInterval();
      v[i][0] = g.next();
    }
    new CsvSeries(List.of("eeg_mv"), t, v).write(out);
    return new SimulationResult(name, points, g.sampleInterval(), out);
  }
}
