package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AttractorMmdTest {

  /**
   * X = {(0,0), (1,0)}, Y = {(0,1)}. With alpha = 1, l = 1 the kernel is 1 / (1 + r^2 / 2): mean
   * k(X,X) = (1 + 2/3 + 2/3 + 1) / 4 = 5/6, k(Y,Y) = 1, mean k(X,Y) = (2/3 + 1/2) / 2 = 7/12, so
   * MMD^2 = 5/6 + 1 - 7/6 = 2/3. With alpha = 2: k = (1 + r^2 / 4)^-2 gives 0.82 + 1 - (16/25 +
   * 4/9) = 0.735556.
   */
  @Test
  void shouldMatchTheHandComputedRationalQuadraticMmd() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray x = m.create(new float[] {0, 0, 1, 0}, new Shape(1, 2, 2));
      NDArray y = m.create(new float[] {0, 1}, new Shape(1, 1, 2));
      assertThat(AttractorMmd.squared(x, y, 1, 1).getFloat(0)).isCloseTo(2f / 3, within(1e-6f));
      assertThat(AttractorMmd.squared(x, y, 2, 1).getFloat(0)).isCloseTo(0.735556f, within(1e-5f));
    }
  }

  @Test
  void shouldGiveOneConditionalTermPerOriginAndZeroForIdenticalSets() {
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray x = m.create(new float[] {0, 0, 1, 0, 5, 5, 6, 6}, new Shape(2, 2, 2));
      NDArray y = m.create(new float[] {0, 0, 1, 0, 0, 0, 1, 1}, new Shape(2, 2, 2));
      float[] per = AttractorMmd.squared(x, y, 1, 1).toFloatArray();
      assertThat(per).hasSize(2);
      assertThat(per[0]).isCloseTo(0f, within(1e-6f));
      assertThat(per[1]).isGreaterThan(0.5f);
    }
  }
}
