package io.chaoscast.models.mamba.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.chaoscast.models.mamba.cpu.JavaMambaEngine;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine selection and its fallback on a machine without a CUDA driver. */
class MambaEnginesTest {

  static final MambaDims DIMS = new MambaDims(3, 2, 3, 5, 16, 2, 2, 8, 4, 1, false);

  private static boolean cuda() {
    return CudaProbe.probe().available();
  }

  @Test
  void autoShouldFallBackToTheJavaEngineAndSayThatThereIsNoCudaDriver(@TempDir Path dir)
      throws Exception {
    assumeFalse(cuda(), "a CUDA device is present: the fallback cannot be observed here");
    MambaWeights.random(DIMS, 30, 1).write(dir);
    try (MambaEngines.Selection s = MambaEngines.select("auto", dir)) {
      assertThat(s.engine()).isInstanceOf(JavaMambaEngine.class);
      assertThat(s.backend()).startsWith("java (").contains(" kernel, ");
      assertThat(s.reason()).startsWith("no CUDA driver").contains("libcuda.so.1");
      assertThat(s.engine().forecast(new double[2][30][3], 12)).hasDimensions(2, 12);
    }
  }

  @Test
  void gpuShouldFailWithTheReasonWhenThereIsNoCudaDriver(@TempDir Path dir) throws Exception {
    assumeFalse(cuda(), "a CUDA device is present");
    MambaWeights.random(DIMS, 30, 1).write(dir);
    assertThatThrownBy(() -> MambaEngines.select("gpu", dir))
        .isInstanceOf(CudaUnavailableException.class)
        .hasMessageContaining("no CUDA driver: libcuda.so.1 not found");
    assertThatThrownBy(() -> new CudaMambaEngine(MambaWeights.read(dir)))
        .isInstanceOf(CudaUnavailableException.class)
        .hasMessageStartingWith("no CUDA driver");
  }

  @Test
  void cpuShouldAlwaysGiveTheJavaEngine() {
    try (MambaEngines.Selection s = MambaEngines.select("cpu", MambaWeights.random(DIMS, 30, 2))) {
      assertThat(s.engine()).isInstanceOf(JavaMambaEngine.class);
      assertThat(s.reason()).isEqualTo("device=cpu requested");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void unknownDevicesShouldBeRefused() {
    assertThatThrownBy(() -> MambaEngines.select("tpu", MambaWeights.random(DIMS, 30, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu, gpu or auto");
  }

  @Test
  void sharedMemoryPerStreamShouldCountActivationsAndRecurrentState() {
    // tokens 45, x and norm 32, xz 64, v 32, xdbl 17, g 32, conv 2*3*32, ssm 2*32*8
    assertThat(CudaMambaEngine.sharedFloatsPerStream(DIMS))
        .isEqualTo(45 + 32 + 64 + 32 + 17 + 32 + 192 + 512);
  }
}
