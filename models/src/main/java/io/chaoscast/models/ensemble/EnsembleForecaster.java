package io.chaoscast.models.ensemble;

import io.chaoscast.models.forecast.Forecaster;
import java.util.ArrayList;
import java.util.List;

/**
 * The mean of its members' forecasts, lead by lead and channel by channel. Averaging models that
 * differ only in their training seed cancels part of each one's error: each member's forecast
 * leaves the true trajectory at its own time and in its own direction, so the mean stays within the
 * VPT threshold longer than a typical member (a committee of networks, Perrone and Cooper 1993; for
 * the benchmark's figures see docs/forecasting.md, "Seed ensembles"). The price is blur: where the
 * members have parted, the mean lies between them, off the attractor.
 *
 * <p>Closing it closes the members that hold resources.
 */
public final class EnsembleForecaster implements Forecaster, AutoCloseable {

  private static final long serialVersionUID = 1L;

  private final List<Forecaster> members;

  public EnsembleForecaster(List<? extends Forecaster> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "an ensemble needs at least two members, got " + members.size());
    }
    this.members = List.copyOf(members);
  }

  /** The mean of {@code forecasters}' forecasts: the one forecaster itself, or their ensemble. */
  public static Forecaster meanOf(List<? extends Forecaster> forecasters) {
    return forecasters.size() == 1 ? forecasters.get(0) : new EnsembleForecaster(forecasters);
  }

  public List<Forecaster> members() {
    return members;
  }

  /** {@code ensembleN-} and the first member's id, e.g. {@code ensemble2-mamba-d32-l2-p5@1}. */
  @Override
  public String id() {
    return "ensemble" + members.size() + "-" + members.get(0).id();
  }

  @Override
  public int minContextLength() {
    return members.stream().mapToInt(Forecaster::minContextLength).max().orElseThrow();
  }

  @Override
  public double[][][] forecast(double[][][] contexts, int horizon) {
    double[][][] sum = null;
    for (Forecaster member : members) {
      double[][][] y = member.forecast(contexts, horizon);
      if (sum == null) {
        sum = y;
        continue;
      }
      for (int b = 0; b < y.length; b++) {
        for (int t = 0; t < y[b].length; t++) {
          for (int c = 0; c < y[b][t].length; c++) sum[b][t][c] += y[b][t][c];
        }
      }
    }
    double n = members.size();
    for (double[][] window : sum) {
      for (double[] row : window) {
        for (int c = 0; c < row.length; c++) row[c] /= n;
      }
    }
    return sum;
  }

  /** Closes every member that holds resources; the first failure is thrown, the rest attached. */
  @Override
  public void close() throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (Forecaster member : members) {
      if (member instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          failures.add(e);
        }
      }
    }
    if (!failures.isEmpty()) {
      Exception first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }
}
