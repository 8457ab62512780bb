package io.chaoscast.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.metrics.Standardisation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTrajectoriesTest {

  @Test
  void fourLongTrajectoriesOnTheAttractorSampledAsTheBenchmarkButNeverItsSeries() {
    Dataset bench =
        Dataset.simulate("rossler", BenchCommand.TRAIN_POINTS + BenchCommand.TEST_POINTS);
    List<Dataset> selection = SelectionTrajectories.of("rossler");

    assertThat(selection).hasSize(SelectionTrajectories.COUNT).hasSize(4);
    Standardisation norm = Standardisation.fit(bench.values());
    for (Dataset s : selection) {
      assertThat(s.values()).hasNumberOfRows(SelectionTrajectories.POINTS);
      assertThat(s.dt()).isEqualTo(bench.dt());
      assertThat(s.lyapunovExponent()).isEqualTo(bench.lyapunovExponent());
      // on the attractor: the same channel statistics as the benchmark's series, within the
      // spread of finite runs of a chaotic flow
      Standardisation own = Standardisation.fit(s.values());
      for (int c = 0; c < 3; c++) {
        double sd = norm.std()[c];
        assertThat(own.mean()[c]).isCloseTo(norm.mean()[c], within(0.5 * sd));
        assertThat(own.std()[c]).isCloseTo(sd, within(0.5 * sd));
      }
      // not the benchmark's series: no sample within 1e-6 SD of any of its samples
      assertThat(closest(s.values(), bench.values(), norm)).isGreaterThan(1e-6);
    }
    // and not each other's
    for (int i = 0; i < selection.size(); i++) {
      for (int j = i + 1; j < selection.size(); j++) {
        assertThat(closest(selection.get(i).values(), selection.get(j).values(), norm))
            .isGreaterThan(1e-6);
      }
    }
    // deterministic: a rerun gives the same data
    assertThat(SelectionTrajectories.of("rossler").get(3).values())
        .isDeepEqualTo(selection.get(3).values());
  }

  /** The smallest standardised distance between a state of {@code a} and a state of {@code b}. */
  private static double closest(double[][] a, double[][] b, Standardisation norm) {
    double best = Double.MAX_VALUE;
    for (double[] x : a) {
      for (double[] y : b) {
        double d = 0;
        for (int c = 0; c < x.length; c++) {
          double z = (x[c] - y[c]) / norm.std()[c];
          d += z * z;
        }
        best = Math.min(best, d);
      }
    }
    return Math.sqrt(best);
  }
}
