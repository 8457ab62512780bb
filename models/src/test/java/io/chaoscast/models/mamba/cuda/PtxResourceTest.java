package io.chaoscast.models.mamba.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed PTX is what nvcc makes of mamba.cu today (regenerate with -Pptx). */
class PtxResourceTest {

  static final Path SOURCE = Path.of("src/main/cuda/mamba.cu");
  static final Path COMMITTED =
      Path.of("src/main/resources/io/chaoscast/models/mamba/cuda/mamba.ptx");

  @Test
  void committedPtxShouldDeclareEveryKernelForCompute80() {
    String ptx = CudaMambaEngine.ptx();
    assertThat(ptx).contains(".target sm_80");
    assertThat(ptx)
        .contains(".entry mamba_forecast(", ".entry mamba_context(", ".entry mamba_rollout(");
  }

  @Test
  void olderDriversShouldBeOfferedThePtxWithTheFirstIsaThatKnowsSm80() {
    String ptx = CudaMambaEngine.withIsa(CudaMambaEngine.ptx(), "7.0");
    assertThat(ptx).containsOnlyOnce(".version 7.0").contains(".target sm_80");
    assertThat(ptx.lines().filter(l -> l.startsWith(".version")).count()).isEqualTo(1);
  }

  @Test
  void committedPtxShouldBeWhatNvccCompilesFromTheSource(@TempDir Path tmp) throws Exception {
    String nvcc = onPath("nvcc");
    assumeTrue(
        nvcc != null,
        "nvcc is not on PATH: cannot check that mamba.ptx matches mamba.cu (skipped)");
    Path fresh = tmp.resolve("mamba.ptx");
    Process p =
        new ProcessBuilder(
                nvcc, "-ptx", "-arch=compute_80", "-o", fresh.toString(), SOURCE.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("nvcc failed:\n%s", log).isZero();
    assertThat(Files.readString(fresh))
        .as("mamba.ptx is stale: run mvn -o -pl models -Pptx generate-resources and commit it")
        .isEqualTo(Files.readString(COMMITTED));
  }

  private static String onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, exe);
      if (f.canExecute()) return f.getPath();
    }
    return null;
  }
}
