package io.chaoscast.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.loadtest.PrometheusScrape;
import io.chaoscast.loadtest.PrometheusScrape.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultStatusTest {

  @Test
  void shouldDescribeEachFaultWhileItLastsAndNothingOtherwise() {
    assertThat(FaultStatus.NONE.describe()).isEmpty();
    assertThat(FaultStatus.NONE.healthy()).isTrue();
    assertThat(new FaultStatus(3, 0).describe()).isEqualTo("fault: checkpoints failing 3x");
    assertThat(new FaultStatus(0, 12.4).describe()).isEqualTo("fault: broker unreachable 12 s");
    assertThat(new FaultStatus(2, 7.6).describe())
        .isEqualTo("fault: checkpoints failing 2x, broker unreachable 8 s");
  }

  @Test
  void shouldTakeTheLargestValueOfEachGaugeFromAScrape() {
    String failed = FaultStatus.PREFIX + FaultStatus.FAILED_CHECKPOINTS_GAUGE;
    String broker = FaultStatus.PREFIX + FaultStatus.BROKER_UNREACHABLE_GAUGE;
    var scrape =
        new PrometheusScrape(
            List.of(
                new Sample(failed, Map.of("subtask_index", "0"), 4),
                new Sample(failed, Map.of("subtask_index", "1"), 1),
                new Sample(broker, Map.of(), 9.5),
                new Sample("flink_jobmanager_job_numRestarts", Map.of(), 7)));
    assertThat(FaultStatus.of(scrape)).isEqualTo(new FaultStatus(4, 9.5));
    assertThat(FaultStatus.of(new PrometheusScrape(List.of()))).isEqualTo(FaultStatus.NONE);
  }
}
