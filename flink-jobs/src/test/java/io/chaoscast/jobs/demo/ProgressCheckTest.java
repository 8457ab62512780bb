package io.chaoscast.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressCheckTest {

  private final ProgressCheck check = new ProgressCheck(2, 10_000, 0);

  @Test
  void shouldStayHealthyWhileOutputFollowsInput() {
    for (long t = 0; t <= 60_000; t += 5_000) {
      assertThat(check.check(t, t / 10, t / 100, 0, false)).isNull();
    }
  }

  @Test
  void shouldReportAJobThatCommitsNothingWhileInputFlows() {
    assertThat(check.check(5_000, 100, 0, 0, false)).isNull();
    assertThat(check.check(10_000, 200, 0, 0, false)).isNull();
    assertThat(check.check(15_000, 300, 0, 0, false)).startsWith("no committed output for 15 s");
  }

  @Test
  void shouldNotReportSilenceWhenNoInputFlows() {
    assertThat(check.check(5_000, 100, 10, 0, false)).isNull();
    assertThat(check.check(60_000, 100, 10, 0, false)).isNull();
  }

  @Test
  void shouldReportRestartsBeyondTheLimitAndAFailedJob() {
    assertThat(check.check(1_000, 10, 1, 2, false)).isNull();
    assertThat(check.check(2_000, 20, 2, 3, false)).contains("restarted 3 times");
    assertThat(new ProgressCheck(2, 10_000, 0).check(1_000, 0, 0, 0, true))
        .isEqualTo("the job failed");
  }
}
