package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainedVersionTest {

  @Test
  void aModelIdOfATrainedVersionNamesItsClass() {
    String version = TrainedVersion.of(1796218809442L, "esn");
    assertThat(version).isEqualTo("trained-1796218809442-esn");
    assertThat(TrainedVersion.typeOf("trained-eeg-2/" + version)).isEqualTo("esn");
    assertThat(TrainedVersion.typeOf(version)).isEqualTo("esn");
  }

  @Test
  void otherVersionsNameNoClass() {
    assertThat(TrainedVersion.typeOf("nvar")).isNull();
    assertThat(TrainedVersion.typeOf("lorenz/v2")).isNull();
    assertThat(TrainedVersion.typeOf("trained-a/placeholder")).isNull();
    assertThat(TrainedVersion.typeOf("trained-")).isNull();
    assertThat(TrainedVersion.typeOf(null)).isNull();
  }
}
