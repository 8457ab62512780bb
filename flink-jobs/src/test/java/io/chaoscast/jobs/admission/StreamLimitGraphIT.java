package io.chaoscast.jobs.admission;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.testing.BoundedGraph;
import org.junit.jupiter.api.Test;

/** The stream limit in the whole graph, on a bounded source without a broker. */
class StreamLimitGraphIT {

  @Test
  void shouldForecastOnlyTheAdmittedStreamsAndDeadLetterTheRestWithOneAlert() throws Exception {
    try (var graph =
        BoundedGraph.of("limits: {max_streams_per_subtask: 3}\ndrift: {enabled: false}")) {
      long t0 = System.currentTimeMillis() - 60_000;
      for (int i = 0; i < 100; i++) {
        for (int s = 0; s < 5; s++) {
          long ts = t0 + 10L * i;
          graph.add("s" + s, ts, observation("s" + s, ts, Math.sin(i * 0.1 + s)));
        }
      }
      graph.run();

      assertThat(graph.forecasts.received())
          .extracting(Forecast::stream)
          .isNotEmpty()
          .containsOnly("s0", "s1", "s2");
      assertThat(graph.deadLetters.received())
          .hasSize(200)
          .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.TOO_MANY_STREAMS))
          .extracting(DeadLetter::stream)
          .containsOnly("s3", "s4");
      assertThat(graph.alerts.received())
          .filteredOn(a -> a.kind() == Alert.Kind.STREAM_LIMIT)
          .extracting(Alert::state)
          .containsExactly(Alert.State.OPEN);
    }
  }
}
