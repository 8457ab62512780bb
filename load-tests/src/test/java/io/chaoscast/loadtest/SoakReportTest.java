package io.chaoscast.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakReportTest {

  /** 20 samples 10 s apart whose live-stream count follows {@code y}. */
  private static List<SoakSample> streams(IntToDoubleFunction y) {
    List<SoakSample> s = new ArrayList<>();
    for (int i = 0; i < 20; i++)
      s.add(new SoakSample(10 * i, 1000, 50, 300, 200, 1e6, y.applyAsDouble(i), 0));
    return s;
  }

  private static boolean streamsBounded(List<SoakSample> samples) {
    return SoakReport.trends(samples, 1000).stream()
        .filter(t -> t.name().equals("live streams"))
        .findFirst()
        .orElseThrow()
        .bounded();
  }

  @Test
  void shouldCallSteadyGrowthUnbounded() {
    assertThat(streamsBounded(streams(i -> 100.0 * i))).isFalse();
  }

  @Test
  void shouldCallGrowthThatLevelsOffBounded() {
    assertThat(streamsBounded(streams(i -> 100.0 * Math.min(i, 8)))).isTrue();
  }

  @Test
  void shouldMeasureTheSlopePerMinute() {
    assertThat(SoakReport.slopePerMinute(streams(i -> 3.0 * i), SoakSample::liveStreams))
        .isCloseTo(18.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void shouldReadBackTheSamplesItsRunAppended(@TempDir Path dir) throws Exception {
    var samples = streams(i -> i);
    List<String> lines = new ArrayList<>(List.of(SoakSample.CSV_HEADER));
    samples.forEach(s -> lines.add(s.toCsv()));
    Files.write(dir.resolve("soak.csv"), lines);

    assertThat(SoakReport.read(dir.resolve("soak.csv"))).isEqualTo(samples);
  }
}
