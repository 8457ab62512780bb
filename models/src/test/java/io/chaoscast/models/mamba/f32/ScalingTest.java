package io.chaoscast.models.mamba.f32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalingTest {

  /** Context x = (1, 3) on one channel: mean 2, variance 1, so SD sqrt(1 + 1e-5). */
  @Test
  void perContextShouldUseTheContextsOwnMeanAndSdWithRevinsEpsilon() {
    Scaling s = new Scaling(new double[] {10}, new double[] {5}, true);
    var norm = s.of(new double[][] {{1}, {3}}, 2);
    assertThat(norm.mean()[0]).isEqualTo(2.0);
    assertThat(norm.std()[0]).isCloseTo(Math.sqrt(1 + 1e-5), within(1e-12));
    FlatBatch.Standardised in = FlatBatch.standardise(new double[][][] {{{1}, {3}}}, s);
    assertThat(in.values()[0]).isCloseTo((float) (-1 / Math.sqrt(1 + 1e-5)), within(1e-6f));
    double[][][] back = FlatBatch.destandardise(new float[] {1f}, 1, in);
    assertThat(back[0][0][0]).isCloseTo(2 + Math.sqrt(1 + 1e-5), within(1e-6));
  }

  @Test
  void trainingModeShouldUseTheTrainingStatisticsAndUnknownModesFailClearly() {
    Scaling s = new Scaling(new double[] {10}, new double[] {5}, false);
    assertThat(s.of(new double[][] {{1}, {3}}, 2).mean()[0]).isEqualTo(10.0);
    assertThat(Scaling.perContext("per_context")).isTrue();
    assertThat(Scaling.perContext(null)).isFalse();
    assertThatThrownBy(() -> Scaling.perContext("revin"))
        .hasMessageContaining("training")
        .hasMessageContaining("per_context");
  }
}
