package io.chaoscast.jobs.forecast;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.testing.BoundedGraph;
import org.junit.jupiter.api.Test;

/**
 * Context parroting as the job's default model, through the whole graph: a periodic stream is
 * forecast from its first full window, and the forecasts continue it exactly.
 */
class ParrotBaselineGraphIT {

  private static final double PERIOD = 12;

  @Test
  void shouldContinueAPeriodicStreamExactlyWhenParrotingIsTheDefault() throws Exception {
    long t0 = System.currentTimeMillis() - 60_000;
    try (BoundedGraph graph =
        BoundedGraph.of(
            "{model: parrot, context_length: 60, horizon_steps: 5, every_samples: 10}",
            "drift: {enabled: false}")) {
      for (int i = 0; i < 120; i++) {
        long ts = t0 + 10L * i;
        graph.add("wave", ts, observation("wave", ts, value(i), 2 * value(i + 3)));
      }
      graph.run();

      assertThat(graph.deadLetters.received()).isEmpty();
      var forecasts = graph.forecasts.received();
      // context 60, every 10 samples: issued at samples 59, 69, ..., 119
      assertThat(forecasts).hasSize(7);
      for (Forecast f : forecasts) {
        assertThat(f.modelId()).isEqualTo("parrot-c4-t1@1");
        int issued = (int) ((f.issuedAtMillis() - t0) / 10);
        for (int k = 0; k < f.horizonSteps(); k++) {
          assertThat(f.values()[k][0]).isCloseTo(value(issued + 1 + k), within(1e-9));
          assertThat(f.values()[k][1]).isCloseTo(2 * value(issued + 4 + k), within(1e-9));
        }
      }
    }
  }

  private static double value(int i) {
    return Math.sin(2 * Math.PI * i / PERIOD);
  }
}
