package io.chaoscast.jobs.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.jobs.config.JobConfig.Ordering;
import io.chaoscast.loadtest.LoadProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTestOptionsTest {

  private static LoadTestOptions options(List<String> models, List<Integer> maxBatches) {
    return new LoadTestOptions(
        Duration.ofSeconds(8),
        LoadProfile.uniform(10, 3, 50, 0),
        models,
        maxBatches,
        Delivery.AT_LEAST_ONCE,
        1,
        100,
        Ordering.SORT,
        5,
        true,
        null);
  }

  @Test
  void everyModelRunsWithEveryBatchBoundModelsOutermost() {
    assertThat(options(List.of("nvar", "persistence"), List.of(1, 64)).variants())
        .containsExactly(
            new LoadTestOptions.Variant("nvar", 1),
            new LoadTestOptions.Variant("nvar", 64),
            new LoadTestOptions.Variant("persistence", 1),
            new LoadTestOptions.Variant("persistence", 64));
  }

  /** A repeated variant used to run for its full duration and then fail the report's chart. */
  @Test
  void aRepeatedModelOrBatchBoundIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> options(List.of("nvar"), List.of(64, 64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--max-batch lists a value twice");
    assertThatThrownBy(() -> options(List.of("nvar", "nvar"), List.of(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--model lists a value twice");
  }
}
