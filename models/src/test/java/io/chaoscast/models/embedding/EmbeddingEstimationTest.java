package io.chaoscast.models.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.integrate.FlowPropagator;
import io.chaoscast.models.integrate.Propagator;
import io.chaoscast.models.integrate.TrajectorySampler;
import io.chaoscast.models.systems.Lorenz63;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lorenz63 x(t), dt = 0.01, 10^4 samples after a 50 s transient. */
class EmbeddingEstimationTest {

  private static double[] x;

  @BeforeAll
  static void simulate() {
    Propagator p = FlowPropagator.rk4(Lorenz63.classic());
    x = TrajectorySampler.sample(p, p.initialState(), 10_000, 0.01, 50).channel(0);
  }

  @Test
  void delayIsTheFirstMutualInformationMinimumNearAFifthOfASecond() {
    DelayEstimate tau = DelayEstimator.estimate(x);
    assertThat(tau.method()).isEqualTo("ami-first-minimum");
    assertThat(tau.tau()).isBetween(12, 24); // 0.12-0.24 s; literature: about 0.16-0.18 s
  }

  @Test
  void caoAndFalseNearestNeighboursBothPickDimensionThreeForLorenzX() {
    int tau = DelayEstimator.estimate(x).tau();
    CaoMethod.Result cao = CaoMethod.estimate(new double[][] {x}, new int[] {tau}, 6, tau);
    FalseNearestNeighbours.Result fnn =
        FalseNearestNeighbours.estimate(new double[][] {x}, new int[] {tau}, 6, tau);
    assertThat(cao.dimension()).isEqualTo(3);
    assertThat(fnn.dimension()).isEqualTo(3);
    assertThat(fnn.falseFraction()[1]).isGreaterThan(0.5);
    assertThat(cao.e2Deviation()).as("deterministic: E2 departs from 1").isGreaterThan(0.2);
    assertThat(EmbeddingEstimator.estimate(new double[][] {x}).dimension()).isEqualTo(3);
  }

  @Test
  void caoSeesNoDeterminismInWhiteNoise() {
    SplittableRandom rng = new SplittableRandom(7);
    double[] noise = new double[5000];
    for (int i = 0; i < noise.length; i++) noise[i] = rng.nextGaussian();
    CaoMethod.Result cao = CaoMethod.estimate(new double[][] {noise}, new int[] {1}, 6, 1);
    assertThat(cao.e2Deviation()).isLessThan(0.15);
  }

  @Test
  void autocorrelationFallbackIsUsedWhenMutualInformationHasNoMinimum() {
    double[] ramp = new double[2000];
    SplittableRandom rng = new SplittableRandom(3);
    double v = 0;
    for (int i = 0; i < ramp.length; i++) { // AR(1), phi = 0.95: AMI decays monotonically
      v = 0.95 * v + rng.nextGaussian();
      ramp[i] = v;
    }
    DelayEstimate tau = DelayEstimator.estimate(ramp, 60);
    assertThat(tau.method()).isIn("acf-1/e", "ami-first-minimum");
    if (tau.method().equals("acf-1/e")) {
      assertThat(tau.tau()).isBetween(12, 30); // ln(1/e) / ln 0.95 = 19.5
    }
  }

  @Test
  void multichannelEmbeddingConcatenatesPerChannelDelays() {
    double[][] ch = {{0, 1, 2, 3, 4, 5}, {10, 11, 12, 13, 14, 15}};
    double[][] v = DelayEmbedding.embed(ch, new int[] {1, 2}, new int[] {2, 2});
    assertThat(v).hasNumberOfRows(4);
    assertThat(v[0]).containsExactly(0, 1, 10, 12);
    assertThat(v[3]).containsExactly(3, 4, 13, 15);
  }

  @Test
  void incrementalEmbedderEstimatesAfterWarmupAndServesTheNewestDelayVector() {
    IncrementalEmbedder e = new IncrementalEmbedder(1, 6000, 5000, 0, null);
    for (int i = 0; i < 4999; i++) e.push(new double[] {x[i]});
    assertThat(e.parameters()).isEmpty();
    assertThat(e.latest()).isEmpty();
    e.push(new double[] {x[4999]});
    EmbeddingParameters p = e.parameters().orElseThrow();
    assertThat(p.dimension()).isEqualTo(3);
    for (int i = 5000; i < 8000; i++) e.push(new double[] {x[i]});
    int tau = p.tau()[0];
    assertThat(e.latest().orElseThrow()).containsExactly(x[7999 - 2 * tau], x[7999 - tau], x[7999]);
    assertThat(e.window()).hasNumberOfRows(6000);
    assertThat(e.window()[5999][0]).isEqualTo(x[7999]);
  }

  @Test
  void configuredEmbedderNeverEstimates() {
    IncrementalEmbedder e =
        new IncrementalEmbedder(2, 100, 50, 0, EmbeddingParameters.fixed(2, 3, 2));
    for (int i = 0; i < 10; i++) e.push(new double[] {i, -i});
    assertThat(e.latest().orElseThrow()).containsExactly(6, 9, -6, -9);
  }
}
