package io.chaoscast.models.training;

import io.chaoscast.models.catalog.CatalogEntry;
import io.chaoscast.models.catalog.Sampling;
import io.chaoscast.models.catalog.SystemCatalog;
import io.chaoscast.models.integrate.Propagator;
import io.chaoscast.models.integrate.Trajectory;
import io.chaoscast.models.integrate.TrajectorySampler;
import java.util.ArrayList;
import java.util.List;

/**
 * Data for choices that the validation tail cannot make: trajectories of a catalogue system from
 * other initial conditions, long enough to look a whole benchmark horizon (10 Lyapunov times) ahead
 * from many origins. The tail of the training series is 200 points, so its horizon stops at 3.3 LT
 * and good models all reach it; these trajectories tell them apart further out. They are never the
 * benchmark's series: trajectory k starts at the catalogue's initial condition + (k-th sign) x 0.01
 * x (1, 2, ..., d) and runs three times the catalogue's transient before its first sample, so it is
 * decorrelated from the catalogue trajectory (whose training and test series follow one transient)
 * and from the others. Sampled at 30 points per Lyapunov time, as the benchmark.
 */
public final class SelectionTrajectories {

  /** Samples per trajectory: context 150 + horizon 300 + 39 strides between 40 origins. */
  public static final int POINTS = 2_150;

  /** Origins per trajectory. */
  public static final int ORIGINS = 40;

  private static final double OFFSET = 1e-2;
  private static final double[] SIGNS = {+1, -1};

  private SelectionTrajectories() {}

  /**
   * The two selection trajectories of a catalogue system: offsets +0.01 (1..d) and -0.01 (1..d).
   */
  public static List<Dataset> of(String system) {
    CatalogEntry e = SystemCatalog.standard().get(system);
    List<Dataset> out = new ArrayList<>();
    for (double sign : SIGNS) out.add(trajectory(e, sign));
    return out;
  }

  /** One trajectory: initial condition + sign x 0.01 x (1, 2, ..., d). */
  static Dataset trajectory(CatalogEntry e, double sign) {
    Propagator p = e.accuratePropagator();
    double[] x0 = p.initialState().clone();
    for (int i = 0; i < x0.length; i++) x0[i] += sign * OFFSET * (i + 1);
    Trajectory t =
        TrajectorySampler.sample(
            p,
            x0,
            POINTS,
            Sampling.perLyapunovTime(Dataset.POINTS_PER_LYAPUNOV_TIME).interval(e.reference()),
            3 * e.transientTime());
    return new Dataset(
        "selection:" + e.name() + (sign > 0 ? "+" : "-"),
        t.values(),
        t.dt(),
        e.reference().maximumLyapunov());
  }
}
