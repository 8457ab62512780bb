package io.chaoscast.models.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Baselines under the benchmark protocol on Lorenz63 (30 points per Lyapunov time, 1,000 training
 * points, 20 origins, 300 steps). Thresholds are loose: NVAR on Lorenz63 typically reaches several
 * Lyapunov times (Gauthier et al. 2021), persistence well under one.
 */
class BaselineForecastersTest {

  static Dataset train;
  static Dataset test;
  static Standardisation norm;

  @BeforeAll
  static void simulate() {
    Dataset all = Dataset.simulate("lorenz63", 1750);
    train = all.slice(0, 1000);
    test = all.slice(1000, 1750);
    norm = Standardisation.fit(train.values());
  }

  private static EvaluationResult score(io.chaoscast.models.forecast.Forecaster f) {
    return ForecastEvaluation.evaluate(
        f, test.values(), norm, 150, 300, 20, test.dt(), test.lyapunovExponent());
  }

  @Test
  void globalNvarShouldForecastLorenzForSeveralLyapunovTimesAndBeatPersistence() {
    EvaluationResult nvar = score(NvarModelForecaster.fit(train.values(), 2, 1, 1e-5, norm));
    EvaluationResult persistence = score(new PersistenceForecaster());
    assertThat(nvar.vptLyapunov()).isGreaterThan(2.0);
    assertThat(nvar.vptLyapunov()).isGreaterThan(3 * persistence.vptLyapunov());
    assertThat(nvar.smape1lt()).isLessThan(persistence.smape1lt());
  }

  @Test
  void echoStateNetworkShouldBeatPersistenceAndBeReproducibleFromItsSeed() {
    EsnForecaster a = EsnForecaster.fit(train.values(), EsnForecaster.Config.defaults(7), norm);
    EsnForecaster b = EsnForecaster.fit(train.values(), EsnForecaster.Config.defaults(7), norm);
    double[][] context = java.util.Arrays.copyOfRange(test.values(), 0, 150);
    assertThat(a.forecast(context, 40)).isDeepEqualTo(b.forecast(context, 40));
    EvaluationResult esn = score(a);
    EvaluationResult persistence = score(new PersistenceForecaster());
    assertThat(esn.vptLyapunov()).isGreaterThan(persistence.vptLyapunov() + 0.5);
  }

  @Test
  void rolloutsStayInsideTheWidenedTrainingBoxEvenForAnUnregularisedFit() {
    NvarModelForecaster f = NvarModelForecaster.fit(train.values(), 3, 2, 0.0, norm);
    double[][] context = java.util.Arrays.copyOfRange(test.values(), 0, 150);
    double[][] out = f.forecast(context, 2000);
    Bounds box = Bounds.of(norm.apply(train.values()));
    for (double[] x : norm.apply(out)) {
      for (int c = 0; c < 3; c++) assertThat(x[c]).isBetween(box.lo()[c], box.hi()[c]);
    }
  }
}
