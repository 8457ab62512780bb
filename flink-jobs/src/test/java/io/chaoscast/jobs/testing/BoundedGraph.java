package io.chaoscast.jobs.testing;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * The whole forecasting graph of a configuration on a bounded in-memory source with collecting
 * sinks: graph tests without a broker. The job ends when the source has been read; then every
 * event-time timer has fired (the final watermark) and the sinks hold the job's complete output.
 */
public final class BoundedGraph implements AutoCloseable {

  private final JobConfig config;
  private final List<Row> records = new ArrayList<>();
  public final CollectingSink<Forecast> forecasts = new CollectingSink<>();
  public final CollectingSink<Alert> alerts = new CollectingSink<>();
  public final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
  public final CollectingSink<ForecastSkill> skill = new CollectingSink<>();

  private BoundedGraph(JobConfig config) {
    this.config = config;
  }

  /**
   * The job as {@code extraYaml} configures it (on top of the test defaults of {@link
   * PipelineTestSupport#config}), on one subtask unless the YAML says otherwise.
   */
  public static BoundedGraph of(String extraYaml) {
    return of("{context_length: 60, horizon_steps: 5, every_samples: 10}", extraYaml);
  }

  /**
   * As {@link #of(String)}, with {@code forecast} (a YAML mapping) as the whole {@code forecast}
   * section instead of the test default's: a key may appear only once.
   */
  public static BoundedGraph of(String forecast, String extraYaml) {
    String yaml =
        """
        kafka: {bootstrap_servers: "127.0.0.1:1", bounded_input: true}
        checkpoint_interval_ms: 200
        parallelism: 1
        event_time: {max_out_of_orderness_ms: 20, max_timestamp_skew_ms: 3600000}
        forecast: %s
        %s
        """
            .formatted(forecast, extraYaml);
    return new BoundedGraph(new JobConfigLoader().parse(yaml, "test"));
  }

  /** Adds one record with the given value, its Kafka time equal to {@code kafkaMillis}. */
  public BoundedGraph add(String stream, long kafkaMillis, String json) {
    records.add(new Row(stream, kafkaMillis, json));
    return this;
  }

  /** One record as the source will hand it out (SourceRecord itself is not Serializable). */
  private record Row(String stream, long kafkaMillis, String json) implements Serializable {
    SourceRecord toRecord(long offset) {
      return new SourceRecord(
          "observations",
          0,
          offset,
          kafkaMillis,
          stream.getBytes(StandardCharsets.UTF_8),
          json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Runs the job to its end. */
  public void run() throws Exception {
    List<Row> in = List.copyOf(records);
    var source =
        new DataGeneratorSource<>(
            i -> in.get(i.intValue()).toRecord(i),
            in.size(),
            TypeInformation.of(SourceRecord.class));
    var job =
        new ForecastingJob(
            config,
            source,
            null,
            forecasts,
            alerts,
            deadLetters,
            skill,
            UnaryOperator.identity(),
            null);
    job.execute(PipelineTestSupport.environment(config.parallelism(), new Configuration()));
  }

  @Override
  public void close() {
    forecasts.close();
    alerts.close();
    deadLetters.close();
    skill.close();
  }
}
