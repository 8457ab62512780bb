package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.forecast.Forecasters;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Rossler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A route with a challenger, on the real broker: the challenger forecasts the same requests, its
 * forecasts are scored on the skill topic under its own model id, and only the champion's are
 * published.
 */
class ChampionChallengerIT {

  @Test
  void shouldScoreTheChallengerOnTheSameRequestsWithoutPublishingIt() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 1);
      var lorenz = new FlowSignal(Lorenz63.classic(), 0.01, 1, 5.0);
      var rossler = new FlowSignal(Rossler.classic(), 0.05, 2, 50.0);
      long t0 = System.currentTimeMillis() - 60_000;
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        long ts = t0 + 10L * i;
        String obs = topics.observations();
        records.add(
            PipelineTestSupport.record(obs, "lorenz", observation("lorenz", ts, lorenz.next())));
        records.add(
            PipelineTestSupport.record(obs, "rossler", observation("rossler", ts, rossler.next())));
      }
      kafka.produce(topics.observations(), records);
      var config =
          PipelineTestSupport.config(
              kafka,
              topics,
              1,
              true,
              "routing: [{match: lorenz, model: persistence, challenger: nvar}]");
      ForecastingJob.fromConfig(config)
          .execute(PipelineTestSupport.environment(1, new Configuration()));

      String persistence = new PersistenceForecaster().id();
      String nvar = Forecasters.fromSettings(config.forecast()).id();
      Duration quiet = Duration.ofMillis(500);
      Duration timeout = Duration.ofSeconds(30);
      // Samples 59, 69, ..., 149 of each stream: 10 forecasts each.
      List<String> published =
          kafka.readCommitted(topics.forecasts(), 20, quiet, timeout).stream()
              .map(r -> describe(PipelineTestSupport.json(r.value())))
              .toList();
      assertThat(published).hasSize(20);
      assertThat(published).filteredOn(s -> s.startsWith("lorenz/")).hasSize(10);
      assertThat(published)
          .allMatch(
              s -> s.startsWith("lorenz/" + persistence) || s.startsWith("rossler/" + nvar), "");

      List<String> skill =
          kafka.readCommitted(topics.skill(), 20, quiet, timeout).stream()
              .map(r -> describe(PipelineTestSupport.json(r.value())))
              .toList();
      List<String> champion =
          skill.stream()
              .filter(s -> s.startsWith("lorenz/" + persistence + "@"))
              .map(s -> s.substring(s.lastIndexOf('@')))
              .toList();
      List<String> challenger =
          skill.stream()
              .filter(s -> s.startsWith("lorenz/" + nvar + "@"))
              .map(s -> s.substring(s.lastIndexOf('@')))
              .toList();
      assertThat(champion).isNotEmpty().doesNotHaveDuplicates();
      assertThat(challenger).containsExactlyInAnyOrderElementsOf(champion);
      assertThat(skill)
          .filteredOn(s -> s.startsWith("rossler/"))
          .allMatch(s -> s.startsWith("rossler/" + nvar + "@"));
    }
  }

  private static String describe(JsonNode f) {
    return f.get("stream").asText()
        + "/"
        + f.get("model_id").asText()
        + "@"
        + f.get("issued_at_millis").asLong();
  }
}
