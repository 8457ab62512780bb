package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sustained batched inference on the DJL engine must not leak native memory: every forecast
 * allocates from a scope closed before it returns. Two meters: the NDArrays still attached to the
 * model's manager (exact) and the process's resident set (coarse; a leak of one batch's activations
 * per call would add hundreds of MB over the run).
 */
class NativeMemoryDisciplineTest {

  private static final int BATCHES = 30;
  private static final long RSS_SLACK_BYTES = 96L << 20;

  @Test
  void manyBatchesShouldLeaveNativeMemoryFlat() throws IOException {
    Dataset data = Dataset.simulate("lorenz63", 2000);
    Standardisation norm = Standardisation.fit(data.values());
    try (MambaForecaster model =
        MambaForecaster.create(MambaForecasterTest.CONFIG, norm.mean(), norm.std(), 150, 3)) {
      double[][][] contexts = new double[64][][];
      for (int b = 0; b < contexts.length; b++) {
        contexts[b] = Arrays.copyOfRange(data.values(), 20 * b, 20 * b + 150);
      }
      for (int i = 0; i < 5; i++) model.forecast(contexts, 20); // warm-up: allocator pools fill
      int arraysBefore = managedArrays(model);
      long nativeBefore = nativeOutsideJvmPools();

      for (int i = 0; i < BATCHES; i++) model.forecast(contexts, 20);

      long growth = nativeOutsideJvmPools() - nativeBefore;
      System.err.printf("native memory growth over %d batches: %d KB%n", BATCHES, growth >> 10);
      assertThat(managedArrays(model)).isEqualTo(arraysBefore);
      assertThat(growth).isLessThan(RSS_SLACK_BYTES);
    }
  }

  @Test
  void theArrayMeterShouldSeeADeliberateLeak() {
    Dataset data = Dataset.simulate("lorenz63", 600);
    Standardisation norm = Standardisation.fit(data.values());
    try (MambaForecaster model =
        MambaForecaster.create(MambaForecasterTest.CONFIG, norm.mean(), norm.std(), 150, 3)) {
      int before = managedArrays(model);
      List<NDArray> leaked = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        leaked.add(model.model().getNDManager().zeros(new Shape(64, 40, 16)));
      }
      assertThat(managedArrays(model)).isEqualTo(before + 10);
    }
  }

  private static int managedArrays(MambaForecaster model) {
    return model.model().getNDManager().getManagedArrays().size();
  }

  private static long nativeOutsideJvmPools() throws IOException {
    System.gc(); // runs the cleaners of unreachable direct buffers
    var memory = ManagementFactory.getMemoryMXBean();
    long direct = 0;
    for (var pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      direct += pool.getMemoryUsed();
    }
    return residentBytes()
        - memory.getHeapMemoryUsage().getCommitted()
        - memory.getNonHeapMemoryUsage().getCommitted()
        - direct;
  }

  /** VmRSS of this process from /proc (Linux). */
  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
