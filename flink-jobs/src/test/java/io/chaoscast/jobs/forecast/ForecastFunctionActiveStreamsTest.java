package io.chaoscast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.isolation.Quarantine;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ForecastFunctionActiveStreamsTest {

  @Test
  void shouldPruneTheActiveStreamsMapWithoutAnyoneReadingTheGauge() throws Exception {
    var function =
        new ForecastFunction(
            JobConfig.defaults().forecast(),
            5.0,
            Duration.ofMinutes(10),
            Quarantine.of(JobConfig.Limits.defaults(), "forecast"));
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), Observation::stream, Types.STRING)) {
      harness.open();
      harness.setProcessingTime(1_000);
      for (int i = 0; i < 1_000; i++) send(harness, "s" + i);
      assertThat(function.trackedStreams()).isEqualTo(1_000);

      harness.setProcessingTime(1_000 + 2 * 60_000);
      send(harness, "new");

      assertThat(function.trackedStreams()).isEqualTo(1);
    }
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, Observation, ForecastRequest> harness,
      String stream)
      throws Exception {
    harness.processElement(
        new StreamRecord<>(new Observation(stream, 1, new double[] {1}, null, null), 1));
  }
}
