package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

  @Test
  void aDraftHasOneFieldPerComponentAndCopiesEachOfThem() {
    assertThat(
            Arrays.stream(MonitorConfig.Draft.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(f -> f.getType().getName() + " " + f.getName()))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(MonitorConfig.class.getRecordComponents())
                .map(c -> c.getType().getName() + " " + c.getName())
                .toList());
    // the components whose default is 0 set otherwise: a draft that did not copy one would give
    // it back as 0
    MonitorConfig changed =
        MonitorConfig.defaults()
            .with(
                d -> {
                  d.tauSteps = 3;
                  d.referenceSeconds = 60;
                  d.calibrationSeconds = 30;
                });
    for (MonitorConfig c : new MonitorConfig[] {MonitorConfig.defaults(), changed}) {
      assertThat(c.with(d -> {})).isEqualTo(c);
    }
    assertThat(changed.tauSteps()).isEqualTo(3);
    assertThat(changed.hop()).isEqualTo(MonitorConfig.defaults().hop());
  }

  @Test
  void withChecksTheResultLikeAnySettingsAndLeavesTheOriginalAlone() {
    MonitorConfig d = MonitorConfig.defaults();
    assertThatThrownBy(() -> d.with(c -> c.resolveZ = c.openZ))
        .hasMessage("drift.resolve_z must be in [0, open_z)");
    MonitorConfig shorter = d.withWarmup(256, d.calibrationSamples());
    assertThat(shorter.referenceSamples()).isEqualTo(256);
    assertThat(d.referenceSamples()).isEqualTo(512);
    assertThat(shorter).isEqualTo(d.with(c -> c.referenceSamples = 256));
  }
}
