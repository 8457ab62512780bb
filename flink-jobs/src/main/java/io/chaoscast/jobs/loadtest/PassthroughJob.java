package io.chaoscast.jobs.loadtest;

import io.chaoscast.connectors.kafka.JsonRecordSerializer;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.serde.RecordLimits;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.ingest.ParseObservations;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The load test's baseline: the same source, parser, key-by and sink as the forecasting job, with
 * nothing in between (no event-time sort, no keyed state, no model). Its throughput is the most the
 * forecasting job could reach on the same machine and the same Kafka.
 */
public final class PassthroughJob {

  public static final String JOB_NAME = "chaoscast-passthrough";

  /**
   * What the passthrough writes: the observation, plus its Kafka timestamp for the latency probe.
   */
  public record Echo(
      String stream, long timestampMillis, double[] values, long observationKafkaTimestampMillis) {}

  private PassthroughJob() {}

  public static void build(StreamExecutionEnvironment env, JobConfig config) {
    var kafka = config.kafka().endpoint();
    var guarantee =
        config.delivery() == JobConfig.Delivery.EXACTLY_ONCE
            ? DeliveryGuarantee.EXACTLY_ONCE
            : DeliveryGuarantee.AT_LEAST_ONCE;
    env.enableCheckpointing(
        config.checkpointIntervalMs(), ForecastingJob.checkpointingMode(config));
    env.setParallelism(config.parallelism());
    env.setBufferTimeout(config.networkBufferTimeoutMs());
    env.fromSource(
            kafka.observationSource(
                config.topics().observations(), config.kafka().groupId(), false),
            WatermarkStrategy.noWatermarks(),
            "observations")
        .process(new ParseObservations(0, 0, RecordLimits.defaults()))
        .name("parse")
        .keyBy(Observation::stream)
        .map(
            o ->
                new Echo(
                    o.stream(), o.timestampMillis(), o.values(), o.source().kafkaTimestampMillis()))
        .name("echo")
        .sinkTo(
            kafka.sink(
                new JsonRecordSerializer<>(config.topics().forecasts(), Echo::stream),
                guarantee,
                config.kafka().transactionalIdPrefix() + "-passthrough"))
        .name("echoes");
  }
}
