package io.chaoscast.models.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.drift.MonitorConfig;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertTimelineTest {

  @Test
  void shouldDrawTheScenarioOfAParameterChange(@TempDir Path dir) throws Exception {
    Scenario s =
        ScenarioSuite.quick().stream()
            .filter(x -> x.change() == ChangeKind.PARAMETER)
            .findFirst()
            .orElseThrow();
    Path png = dir.resolve("timeline.png");

    AlertTimeline.write(png, s, MonitorConfig.defaults());

    var image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(650);
  }
}
