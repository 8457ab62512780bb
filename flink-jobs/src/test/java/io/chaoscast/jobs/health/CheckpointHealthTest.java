package io.chaoscast.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointHealthTest {

  @Test
  void shouldCountAbortedCheckpointsSinceTheLastCompletedOne() {
    CheckpointHealth health = new CheckpointHealth();
    assertThat(health.consecutiveFailures()).isZero();
    health.completed(1);
    health.aborted(2);
    health.aborted(3);
    health.aborted(3); // told twice: counted once
    health.aborted(5);
    assertThat(health.consecutiveFailures()).isEqualTo(3);
    health.completed(6);
    assertThat(health.consecutiveFailures()).isZero();
    health.aborted(4); // older than the last completed checkpoint: no longer a failure in a row
    assertThat(health.consecutiveFailures()).isZero();
    health.aborted(7);
    assertThat(health.consecutiveFailures()).isEqualTo(1);
  }
}
