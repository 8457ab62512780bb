package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.connectors.serde.Json;
import org.junit.jupiter.api.Test;

class LiveSkillTest {

  @Test
  void shouldAverageTheChampionsScoresOnly() throws Exception {
    LiveSkill skill = new LiveSkill(10);
    skill.onSkill(
        Json.mapper().readTree("{\"stream\":\"s\",\"role\":\"champion\",\"vpt_steps\":10}"));
    skill.onSkill(
        Json.mapper().readTree("{\"stream\":\"s\",\"role\":\"challenger\",\"vpt_steps\":0}"));
    skill.onSkill(
        Json.mapper().readTree("{\"stream\":\"s\",\"role\":\"champion\",\"vpt_steps\":0}"));

    assertThat(skill.vptSteps("s").getAsDouble())
        .isCloseTo(10 * (1 - LiveSkill.ALPHA), within(1e-9));
    assertThat(skill.vptSteps("unknown")).isEmpty();
  }

  @Test
  void shouldForgetTheLeastRecentlyScoredStreamBeyondTheBound() throws Exception {
    LiveSkill skill = new LiveSkill(1);
    skill.onSkill(
        Json.mapper().readTree("{\"stream\":\"a\",\"role\":\"champion\",\"vpt_steps\":1}"));
    skill.onSkill(
        Json.mapper().readTree("{\"stream\":\"b\",\"role\":\"champion\",\"vpt_steps\":1}"));

    assertThat(skill.vptSteps("a")).isEmpty();
    assertThat(skill.vptSteps("b")).isPresent();
  }
}
