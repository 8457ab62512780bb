package io.chaoscast.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisibilityLogTest {

  @Test
  void eachRunAppendsOneLinePerForecastToTheSameFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latency.log");
    try (var log = new VisibilityLog(file, "passthrough-1")) {
      log.record(1_000_050, 1_000_000, "load-1");
    }
    try (var log = new VisibilityLog(file, "forecasting-2")) {
      log.record(2_001_020, 2_000_010, "load-2");
      log.flush();
      assertThat(Files.readAllLines(file)).hasSize(2);
    }
    assertThat(Files.readAllLines(file))
        .containsExactly(
            "passthrough-1 1000050 1000000 load-1", "forecasting-2 2001020 2000010 load-2");
  }

  @Test
  void aRunNameWithWhiteSpaceIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> new VisibilityLog(dir.resolve("latency.log"), "nvar batch 64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without white space");
  }
}
