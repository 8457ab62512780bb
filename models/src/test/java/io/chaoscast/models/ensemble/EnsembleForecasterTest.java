package io.chaoscast.models.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.training.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ensemble's forecast is its members' mean, lead by lead and channel by channel. */
class EnsembleForecasterTest {

  static final double[][] LORENZ = Dataset.simulate("lorenz63", 400).values();

  static double[][][] contexts() {
    return new double[][][] {
      java.util.Arrays.copyOfRange(LORENZ, 0, 150), java.util.Arrays.copyOfRange(LORENZ, 200, 350)
    };
  }

  @Test
  void theForecastShouldBeTheMeanOfTheMembersForecasts() {
    Forecaster persistence = new PersistenceForecaster();
    Forecaster nvar = new NvarForecaster(2, 1, 1e-6);
    double[][][] a = persistence.forecast(contexts(), 30);
    double[][][] b = nvar.forecast(contexts(), 30);
    double[][][] mean = new EnsembleForecaster(List.of(persistence, nvar)).forecast(contexts(), 30);

    assertThat(mean).hasSameDimensionsAs(a);
    for (int w = 0; w < 2; w++) {
      for (int t = 0; t < 30; t++) {
        for (int c = 0; c < 3; c++) {
          assertThat(mean[w][t][c]).isCloseTo((a[w][t][c] + b[w][t][c]) / 2, within(1e-12));
        }
      }
    }
    // known value: persistence repeats the last sample, so the mean's first channel at lead 1 is
    // halfway between the last observed x and NVAR's next x
    assertThat(mean[0][0][0]).isCloseTo((LORENZ[149][0] + b[0][0][0]) / 2, within(1e-12));
  }

  @Test
  void theMeanOfOneForecasterIsThatForecasterAndOfSeveralTheirEnsemble() {
    Forecaster persistence = new PersistenceForecaster();
    Forecaster nvar = new NvarForecaster(2, 1, 1e-6);
    assertThat(EnsembleForecaster.meanOf(List.of(nvar))).isSameAs(nvar);
    assertThat(EnsembleForecaster.meanOf(List.of(nvar, persistence)))
        .isInstanceOfSatisfying(
            EnsembleForecaster.class,
            e -> assertThat(e.members()).containsExactly(nvar, persistence));
  }

  @Test
  void idContextAndSizeShouldComeFromTheMembers() {
    var ensemble =
        new EnsembleForecaster(
            List.of(new NvarForecaster(2, 1, 1e-6), new NvarForecaster(4, 2, 1e-6)));
    assertThat(ensemble.id()).isEqualTo("ensemble2-" + new NvarForecaster(2, 1, 1e-6).id());
    assertThat(ensemble.minContextLength())
        .isEqualTo(new NvarForecaster(4, 2, 1e-6).minContextLength());
    assertThatThrownBy(() -> new EnsembleForecaster(List.of(new PersistenceForecaster())))
        .hasMessageContaining("at least two members");
  }

  /** A member holding a resource; records whether it was released. */
  static final class Held implements Forecaster, AutoCloseable {
    final Forecaster inner = new PersistenceForecaster();
    final List<String> log;
    final String name;
    final boolean fail;

    Held(List<String> log, String name, boolean fail) {
      this.log = log;
      this.name = name;
      this.fail = fail;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public int minContextLength() {
      return inner.minContextLength();
    }

    @Override
    public double[][][] forecast(double[][][] contexts, int horizon) {
      return inner.forecast(contexts, horizon);
    }

    @Override
    public void close() {
      log.add(name);
      if (fail) throw new IllegalStateException(name + " failed to close");
    }
  }

  @Test
  void closingShouldReleaseEveryMemberEvenWhenOneFails() {
    List<String> closed = new ArrayList<>();
    var ensemble =
        new EnsembleForecaster(List.of(new Held(closed, "a", true), new Held(closed, "b", false)));
    assertThatThrownBy(ensemble::close).hasMessage("a failed to close");
    assertThat(closed).containsExactly("a", "b");
  }
}
