package io.chaoscast.jobs.batching;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.synthetic.SyntheticStreams;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Mini-batching across streams changes when the model runs, never what it returns. */
class BatchedInferenceIT {

  @Test
  void shouldWriteTheSameForecastsBatchedAsUnbatched() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
      var streams = SyntheticStreams.demoMix(6, 11); // 3- and 8-channel streams mixed
      long t0 = System.currentTimeMillis() - 60_000;
      for (int i = 0; i < 150; i++) {
        for (var e : streams.entrySet()) {
          input.add(
              PipelineTestSupport.record(
                  "", e.getKey(), observation(e.getKey(), t0 + 10L * i, e.getValue().next())));
        }
      }
      List<String> unbatched = run(kafka, input, "batching: {max_batch: 1, max_delay_ms: 0}");
      List<String> batched = run(kafka, input, "batching: {max_batch: 64, max_delay_ms: 50}");

      assertThat(unbatched).hasSize(6 * ((150 - 60) / 10 + 1));
      assertThat(batched).containsExactlyInAnyOrderElementsOf(unbatched);
    }
  }

  private static List<String> run(
      KafkaFixture kafka, List<ProducerRecord<byte[], byte[]>> input, String batching)
      throws Exception {
    TestTopics topics = TestTopics.create(kafka, 1);
    kafka.produce(
        topics.observations(),
        input.stream()
            .map(
                r ->
                    new ProducerRecord<>(
                        topics.observations(), null, r.timestamp(), r.key(), r.value()))
            .toList());
    var config = PipelineTestSupport.config(kafka, topics, 1, true, batching);
    ForecastingJob.fromConfig(config)
        .execute(PipelineTestSupport.environment(1, new Configuration()));
    return PipelineTestSupport.committedForecasts(kafka, topics.forecasts(), 1);
  }
}
