package io.chaoscast.models.mamba.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU bundle carries no DJL: GpuBench must run on a classpath without it. */
class GpuBenchWithoutDjlTest {

  private static String location(java.net.URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void gpuBenchShouldRunWithoutAnyDjlJarAndReportWhyCudaIsOrIsNotUsed(@TempDir Path dir)
      throws Exception {
    // exactly the bundle's jars (surefire's own classpath is a manifest jar that includes DJL)
    String cp =
        java.util.stream.Stream.of(
                GpuBench.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class,
                jcuda.driver.JCudaDriver.class)
            .map(c -> location(c.getProtectionDomain().getCodeSource().getLocation()))
            .collect(Collectors.joining(File.pathSeparator));
    java.net.URL natives = GpuBench.class.getResource("/lib/libJCudaDriver-12.6.0-linux-x86_64.so");
    assertThat(natives).isNotNull();
    String nativesJar = natives.getPath().replaceFirst("^file:", "").replaceFirst("!.*$", "");
    cp = cp + File.pathSeparator + nativesJar;
    assertThat(cp).doesNotContainIgnoringCase("djl");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                cp,
                GpuBench.class.getName(),
                "--batches",
                "1,4",
                "--horizon",
                "20",
                "--cpu-budget-s",
                "5",
                "--out",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(log).doesNotContain("NoClassDefFoundError", "ai/djl", "Exception");
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).containsPattern("cuda: (no CUDA driver|CUDA driver present|CUDA device)");
    assertThat(log).contains("| 4 |");
    assertThat(dir.resolve("mamba.f32")).exists();
  }
}
