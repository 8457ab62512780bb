package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.jobs.config.JobConfigLoader;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The job never falls back to Kryo: {@link ForecastingJob#configure} disables generic types, so a
 * record type without a Flink serializer fails the graph at build time. The ITs that run the job
 * (ForecastingJobIT, DriftAlertsIT, ...) then prove the same for every state type, whose
 * serializers are created as the operators open.
 */
class ForecastingJobSerializationTest {

  /** Not a POJO (no default constructor, private final field): Flink would use Kryo for it. */
  static final class Opaque {
    private final int value;

    Opaque(int value) {
      this.value = value;
    }
  }

  /** The defaults, on a broker that is never contacted (building the graph connects nothing). */
  private static ForecastingJob job() {
    return ForecastingJob.fromConfig(
        new JobConfigLoader().parse("kafka: {bootstrap_servers: \"127.0.0.1:9\"}\n", "test"));
  }

  private static StreamExecutionEnvironment configured(ForecastingJob job) {
    var env = StreamExecutionEnvironment.getExecutionEnvironment();
    job.configure(env);
    return env;
  }

  @Test
  void theWholeGraphHasFlinkSerializersForEveryRecordType() {
    var job = job();
    var env = configured(job);
    assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    job.build(env);
    assertThat(env.getStreamGraph().getStreamNodes()).hasSizeGreaterThan(10);
  }

  @Test
  void theGraphWithPromotionHasFlinkSerializersForEveryRecordType() {
    var job =
        ForecastingJob.fromConfig(
            new JobConfigLoader()
                .parse(
                    "kafka: {bootstrap_servers: \"127.0.0.1:9\"}\n"
                        + "topics: {promotions: promotions}\n",
                    "test"));
    var env = configured(job);
    job.build(env);
    assertThat(env.getStreamGraph().getStreamNodes())
        .extracting(n -> n.getOperatorName())
        .contains("route-overrides", "promotion", "parse-model-switches");
  }

  @Test
  void aRecordTypeThatWouldNeedKryoFailsTheGraph() {
    var env = configured(job());
    env.fromData(1, 2, 3)
        .map(Opaque::new)
        .returns(TypeInformation.of(Opaque.class))
        .map(o -> o.value)
        .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    assertThatThrownBy(env::getStreamGraph)
        .hasMessageContaining("Generic types have been disabled");
  }
}
