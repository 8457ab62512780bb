package io.chaoscast.models.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.SelectionTrajectories;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleSizeChoiceTest {

  @Test
  void aLargerEnsembleIsChosenOnlyWhenItWinsByMoreThanTheMargin() {
    // the Rossler study's seed means (docs/forecasting.md): three members by 0.11 over two
    assertThat(EnsembleSizeChoice.choose(List.of(8.95, 9.18, 9.29)).members()).isEqualTo(3);
    // within the margin of the current choice: the smaller ensemble stays
    assertThat(EnsembleSizeChoice.choose(List.of(9.00, 9.04, 9.049)).members()).isEqualTo(1);
    assertThat(EnsembleSizeChoice.choose(List.of(9.00, 9.20, 9.24)).members()).isEqualTo(2);
    // each candidate is compared with the best so far, not with its neighbour
    assertThat(EnsembleSizeChoice.choose(List.of(9.00, 8.50, 9.06)).members()).isEqualTo(3);
    assertThat(EnsembleSizeChoice.choose(List.of(9.00, 9.20, 9.24)).selectionVptLyapunov())
        .containsExactly(9.00, 9.20, 9.24);
    assertThatThrownBy(() -> EnsembleSizeChoice.choose(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachCandidateScoresItsMeanVptOverEveryOriginOfEverySelectionTrajectory() {
    Dataset train = Dataset.simulate("lorenz63", 1000);
    Standardisation norm = Standardisation.fit(train.values());
    List<Dataset> trajectories = SelectionTrajectories.of("lorenz63");
    Forecaster nvar = new NvarForecaster(2, 1, 1e-6);
    Forecaster persistence = new PersistenceForecaster();
    List<Forecaster> members = List.of(nvar, nvar, persistence);

    EnsembleSizeChoice choice =
        EnsembleSizeChoice.choose(members, norm, 150, 300, trajectories, 40);

    double one = meanVpt(nvar, norm, trajectories);
    double three = meanVpt(new EnsembleForecaster(members), norm, trajectories);
    assertThat(one).as("the NVAR reaches beyond the first step").isGreaterThan(0.5);
    // two copies of one model forecast exactly what it does: no gain, so one member
    assertThat(choice.selectionVptLyapunov()).containsExactly(one, one, three);
    assertThat(three).as("persistence drags the mean down").isLessThan(one);
    assertThat(choice.members()).isEqualTo(1);
  }

  private static double meanVpt(Forecaster f, Standardisation norm, List<Dataset> trajectories) {
    double sum = 0;
    for (Dataset t : trajectories) {
      sum +=
          ForecastEvaluation.run(f, t.values(), norm, 150, 300, 40, t.dt(), t.lyapunovExponent())
              .result()
              .vptLyapunov();
    }
    return sum / trajectories.size();
  }
}
