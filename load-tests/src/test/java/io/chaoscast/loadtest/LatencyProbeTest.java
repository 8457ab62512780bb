package io.chaoscast.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.serde.Json;
import org.junit.jupiter.api.Test;

class LatencyProbeTest {

  @Test
  void onlyPublishedForecastsCountTowardsTheSkillAUserReads() throws Exception {
    assertThat(LatencyProbe.isPublished(Json.mapper().readTree("{\"role\":\"champion\"}")))
        .isTrue();
    assertThat(LatencyProbe.isPublished(Json.mapper().readTree("{\"role\":\"challenger\"}")))
        .isFalse();
    assertThat(LatencyProbe.isPublished(Json.mapper().readTree("{\"vpt_steps\":3}"))).isTrue();
  }
}
