package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {

  private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

  @Test
  void checkpointsGoToTheMemoryBackedDirectoryWhenItHasRoom(@TempDir Path shm) {
    assertThat(LocalCluster.checkpointParent(shm, 1)).isEqualTo(shm);
  }

  @Test
  void checkpointsFallBackToTheTempDirectoryWhenTheMemoryBackedOneIsTooSmall(@TempDir Path shm) {
    assertThat(LocalCluster.checkpointParent(shm, Long.MAX_VALUE)).isEqualTo(TEMP);
  }

  @Test
  void checkpointsFallBackToTheTempDirectoryWhenThereIsNoMemoryBackedOne(@TempDir Path dir) {
    assertThat(LocalCluster.checkpointParent(dir.resolve("absent"), 1)).isEqualTo(TEMP);
  }
}
