package io.chaoscast.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadProfileTest {

  @Test
  void industrialRatesShouldSpreadLogUniformlyFromOneToOneHundredHertz() {
    LoadProfile p = LoadProfile.industrial(3, 0);
    assertThat(p.ratesHz()).containsExactly(new double[] {1, 10, 100}, within(1e-9));
    assertThat(p.offeredEventsPerS()).isCloseTo(111, within(1e-9));
    assertThat(p.channels()).isEqualTo(3);
  }

  @Test
  void eegShouldBeSixtyFourChannelsAt256Hertz() {
    LoadProfile p = LoadProfile.eeg(4, 0.01);
    assertThat(p.channels()).isEqualTo(64);
    assertThat(p.offeredEventsPerS()).isEqualTo(1024);
    assertThat(p.describe()).contains("eeg profile: 4 streams x 64 channels at 256 Hz");
  }

  @Test
  void shouldRefuseImpossibleSettingsWithTheReason() {
    assertThatThrownBy(() -> LoadProfile.uniform(10, 3, 2000, 0))
        .hasMessageContaining("rates must be in (0, 1000.0] Hz");
    assertThatThrownBy(() -> LoadProfile.uniform(10, 3, 100, 1.0))
        .hasMessageContaining("bad-record fraction must be in [0, 1)");
    assertThatThrownBy(() -> LoadProfile.of("sawtooth", 1, 1, 1, 0))
        .hasMessageContaining("unknown profile 'sawtooth'");
  }
}
