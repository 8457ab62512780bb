package io.chaoscast.models.mamba.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.ParameterLayout;
import org.junit.jupiter.api.Test;

/** The kernels read every matrix transposed; vectors stay where they are. */
class DeviceLayoutTest {

  @Test
  void matricesShouldBeTransposedInPlaceAndVectorsLeftAlone() {
    MambaDims d = new MambaDims(2, 1, 2, 3, 8, 2, 2, 4, 3, 1, false);
    float[] packed = MambaWeights.random(d, 20, 3).packed();
    float[] dev = CudaMambaEngine.deviceLayout(packed, d);
    ParameterLayout at = new ParameterLayout(d);
    int e = d.innerDim();
    assertThat(dev).hasSameSizeAs(packed);
    // in_proj [2E, D] -> [D, 2E]: element (i, j) moves to j * 2E + i
    int in = at.inProj(1);
    assertThat(dev[in + 5 * 2 * e + 7]).isEqualTo(packed[in + 7 * d.modelDim() + 5]);
    // A [E, N] -> [N, E]
    int a = at.a(0);
    assertThat(dev[a + 2 * e + 9]).isEqualTo(packed[a + 9 * d.stateDim() + 2]);
    // vectors (biases, gains, conv, D) unchanged
    assertThat(dev[at.dtBias(1) + 3]).isEqualTo(packed[at.dtBias(1) + 3]);
    assertThat(dev[at.convWeight(0) + 4]).isEqualTo(packed[at.convWeight(0) + 4]);
    assertThat(dev[at.headBias() + 1]).isEqualTo(packed[at.headBias() + 1]);
  }
}
