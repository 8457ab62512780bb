package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.jobs.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's entry class refuses a bad submission before it builds anything. */
class ForecastingJobMainTest {

  @Test
  void shouldSayWhatToPassWhenTheYamlPathIsMissing() {
    assertThatThrownBy(() -> ForecastingJobMain.main(new String[0]))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(ForecastingJobMain.USAGE)
        .hasMessageContaining("got 0");
  }

  @Test
  void shouldNameTheKeyOfAnInvalidConfigurationBeforeTheJobExists(@TempDir Path dir)
      throws Exception {
    Path yaml = Files.writeString(dir.resolve("job.yaml"), "parallelism: 0\n");
    assertThatThrownBy(() -> ForecastingJobMain.main(new String[] {yaml.toString()}))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("parallelism");
  }

  @Test
  void shouldNameAnUnreadableFile(@TempDir Path dir) {
    Path missing = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> ForecastingJobMain.main(new String[] {missing.toString()}))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cannot read configuration file " + missing);
  }
}
