package io.chaoscast.models.mamba.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.mamba.cpu.JavaMambaEngine.Kernel;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel computes the scalar kernel's forecasts to float rounding, the tests' JVM (with
 * the incubator module, as production) picks it, and a JVM without the module falls back to the
 * scalar kernel without warnings.
 */
class JavaMambaEngineKernelTest {

  /**
   * Largest relative difference |vector - scalar| / max(1, |scalar|) allowed per forecast value:
   * float32 rounding (FMA, vector exp and summation order) over a 200-sample context and a 20-step
   * rollout; observed ~5e-6 on the default model.
   */
  static final double TOLERANCE = 1e-4;

  @Test
  void vectorKernelShouldMatchTheScalarKernelOnTheShippedDefaultModel() throws IOException {
    MambaWeights w = MambaWeights.read(Path.of("default"));
    assertThat(w.dims().modelDim()).isEqualTo(32);
    assertKernelsAgree(w, 200, 20);
  }

  @Test
  void vectorKernelShouldMatchTheScalarKernelOnOddDimensionsAndAResidualHead() {
    // E = 36, D = 12, N = 5, x_proj 12 and patch 8 wide: none a multiple of the lanes (pads used);
    // three layers, conv width 3, dt rank 2, residual output
    MambaDims odd = new MambaDims(2, 3, 2, 4, 12, 3, 3, 5, 3, 2, true);
    assertKernelsAgree(MambaWeights.random(odd, 60, 17), 60, 13);
    // conv width 1 (no conv state) and a single state element
    MambaDims thin = new MambaDims(1, 1, 3, 2, 8, 1, 2, 1, 1, 1, false);
    assertKernelsAgree(MambaWeights.random(thin, 30, 5), 30, 7);
  }

  @Test
  void engineShouldPickTheVectorKernelWhenTheModuleIsPresentOnX86() {
    MambaWeights w =
        MambaWeights.random(new MambaDims(3, 2, 2, 5, 16, 2, 2, 8, 4, 1, false), 40, 3);
    try (JavaMambaEngine engine = new JavaMambaEngine(w)) {
      String arch = System.getProperty("os.arch");
      if (arch.equals("amd64") || arch.equals("x86_64")) {
        // the surefire argLine carries --add-modules jdk.incubator.vector, as production JVMs do
        assertThat(engine.kernel()).isEqualTo(Kernel.VECTOR);
        assertThat(engine.describe()).startsWith("vector kernel (").contains("float lanes");
      }
      assertThat(engine.kernel()).isEqualTo(Kernel.best());
    }
  }

  @Test
  void aJvmWithoutTheVectorModuleShouldFallBackToTheScalarKernelWithoutWarnings() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    KernelFallbackProbe.class.getName()))
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(out).contains("kernel=SCALAR forecast=");
    assertThat(out).contains("refused=").contains("--add-modules jdk.incubator.vector");
    // the one log line says which kernel and how to get the other; nothing else on stderr
    assertThat(err)
        .contains("scalar kernel (start the JVM with --add-modules jdk.incubator.vector");
    assertThat(err).doesNotContain("WARNING").doesNotContain("Exception").doesNotContain("Error");
  }

  private static void assertKernelsAgree(MambaWeights w, int length, int horizon) {
    int ch = w.dims().channels();
    int batch = 9;
    float[] contexts = new float[batch * length * ch];
    Random rnd = new Random(42);
    for (int i = 0; i < contexts.length; i++) contexts[i] = (float) rnd.nextGaussian();
    try (JavaMambaEngine scalar = new JavaMambaEngine(w, 2, Kernel.SCALAR);
        JavaMambaEngine vector = new JavaMambaEngine(w, 2, Kernel.VECTOR)) {
      assertThat(scalar.kernel()).isEqualTo(Kernel.SCALAR);
      assertThat(vector.kernel()).isEqualTo(Kernel.VECTOR);
      float[] want = scalar.forecastStandardised(contexts, batch, length, horizon);
      float[] got = vector.forecastStandardised(contexts, batch, length, horizon);
      assertThat(got).hasSameSizeAs(want);
      double worst = 0;
      for (int i = 0; i < want.length; i++) {
        assertThat(Float.isFinite(want[i])).isTrue();
        worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
      }
      assertThat(worst).isLessThan(TOLERANCE);
      assertThat(want[0]).isNotEqualTo(want[want.length - 1]);
    }
  }
}
