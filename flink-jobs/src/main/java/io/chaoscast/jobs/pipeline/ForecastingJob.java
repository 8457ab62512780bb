package io.chaoscast.jobs.pipeline;

import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.kafka.JsonRecordSerializer;
import io.chaoscast.connectors.kafka.KafkaEndpoint;
import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.admission.StreamAdmission;
import io.chaoscast.jobs.batching.BatchingForecastOperator;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.drift.DriftMonitorFunction;
import io.chaoscast.jobs.drift.DriftTypes;
import io.chaoscast.jobs.drift.ServedRolloutFailure;
import io.chaoscast.jobs.drift.StormGuardFunction;
import io.chaoscast.jobs.forecast.ForecastFunction;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.health.FaultMonitor;
import io.chaoscast.jobs.ingest.EagerBoundedOutOfOrderness;
import io.chaoscast.jobs.ingest.ParseObservations;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.lifecycle.ModelAnnouncement;
import io.chaoscast.jobs.lifecycle.ModelSetup;
import io.chaoscast.jobs.lifecycle.ParseModelAnnouncements;
import io.chaoscast.jobs.ordering.ArrivalOrderGuard;
import io.chaoscast.jobs.ordering.EventTimeSorter;
import io.chaoscast.jobs.promotion.ControlWatermarks;
import io.chaoscast.jobs.promotion.ParseModelSwitches;
import io.chaoscast.jobs.promotion.PromotionFunction;
import io.chaoscast.jobs.promotion.RouteOverrides;
import io.chaoscast.jobs.quality.DataQualityFunction;
import io.chaoscast.jobs.skill.SkillFunction;
import io.chaoscast.models.drift.AlertEvent;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The forecasting job:
 *
 * <pre>
 * observations -> parse -> event time -> keyBy(stream) -> stream admission -> event-time order
 *     -> data quality
 *     -> forecast (context windows) -> batch inference -> forecasts
 *  forecasts + data-quality output -> skill (each forecast against its actuals) -> forecast-skill
 *  models topic -> parse announcements -> broadcast -> batch inference (swaps versions)
 *  challenger forecasts (side output of batch inference) -> challenger skill -> forecast-skill
 *  skill (champion and challenger) -> promotion (per stream) -> promotions topic
 *  promotions topic -> parse switches -> route overrides (keyed, between forecast and batch
 *      inference: the stream's requests carry its promoted route)
 *  data quality + non-finite served forecasts (side output of batch inference)
 *      -> drift monitor (per stream) -> storm guard (one, event-time order) -> alerts
 *  (every stage) -> dead letters;  data quality -> alerts
 * </pre>
 *
 * The constructor takes the source and the sinks, so tests can run the same graph on other
 * connectors; {@link #fromConfig} wires the production Kafka ones.
 */
public final class ForecastingJob {

  public static final String JOB_NAME = "chaoscast-forecaster";

  /** How often the fault monitor asks the broker for its nodes, and how long it waits. */
  static final Duration BROKER_PROBE_EVERY = Duration.ofSeconds(1);

  static final Duration BROKER_PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final JobConfig config;
  private final Source<SourceRecord, ?, ?> source;
  private final Source<SourceRecord, ?, ?> modelsSource;
  private final Sink<Forecast> forecastSink;
  private final Sink<Alert> alertSink;
  private final Sink<DeadLetter> deadLetterSink;
  private final Sink<ForecastSkill> skillSink;
  private final UnaryOperator<DataStream<Observation>> afterParse;
  private final Promotions promotions;

  /**
   * The promotions topic, written and read back: where the job's switches of a stream's model go,
   * and where its routing learns of them.
   */
  public record Promotions(Source<SourceRecord, ?, ?> source, Sink<ModelSwitch> sink) {}

  /**
   * @param modelsSource the models control topic; null when the job has none
   * @param afterParse a hook on the parsed stream (identity in production; tests use it to inject
   *     failures)
   * @param promotions the promotions topic; null: no promotion, every stream keeps its configured
   *     route
   */
  public ForecastingJob(
      JobConfig config,
      Source<SourceRecord, ?, ?> source,
      Source<SourceRecord, ?, ?> modelsSource,
      Sink<Forecast> forecastSink,
      Sink<Alert> alertSink,
      Sink<DeadLetter> deadLetterSink,
      Sink<ForecastSkill> skillSink,
      UnaryOperator<DataStream<Observation>> afterParse,
      Promotions promotions) {
    this.config = config;
    this.source = source;
    this.modelsSource = modelsSource;
    this.forecastSink = forecastSink;
    this.alertSink = alertSink;
    this.deadLetterSink = deadLetterSink;
    this.skillSink = skillSink;
    this.afterParse = afterParse;
    this.promotions = promotions;
  }

  /** The job on Kafka, as configured. */
  public static ForecastingJob fromConfig(JobConfig config) {
    return fromConfig(config, UnaryOperator.identity());
  }

  public static ForecastingJob fromConfig(
      JobConfig config, UnaryOperator<DataStream<Observation>> afterParse) {
    KafkaEndpoint kafka = config.kafka().endpoint();
    var topics = config.topics();
    var guarantee =
        config.delivery() == JobConfig.Delivery.EXACTLY_ONCE
            ? DeliveryGuarantee.EXACTLY_ONCE
            : DeliveryGuarantee.AT_LEAST_ONCE;
    String prefix = config.kafka().transactionalIdPrefix();
    return new ForecastingJob(
        config,
        kafka.observationSource(
            topics.observations(), config.kafka().groupId(), config.kafka().boundedInput()),
        // A fresh job reads every announcement from the start (the last one per model wins); a
        // restored one continues from its checkpoint, with the registry in broadcast state.
        topics.hasModelsTopic()
            ? kafka.observationSource(
                topics.models(),
                config.kafka().groupId() + "-models",
                config.kafka().boundedInput())
            : null,
        kafka.sink(
            new JsonRecordSerializer<>(topics.forecasts(), Forecast::stream),
            guarantee,
            prefix + "-forecasts"),
        kafka.sink(
            new JsonRecordSerializer<>(topics.alerts(), Alert::stream),
            guarantee,
            prefix + "-alerts"),
        kafka.sink(
            DeadLetterSerializer.forProducer(topics.deadLetters(), kafka.clientProperties()),
            guarantee,
            prefix + "-dlq"),
        kafka.sink(
            new JsonRecordSerializer<>(topics.skill(), ForecastSkill::stream),
            guarantee,
            prefix + "-skill"),
        afterParse,
        // A fresh job starts every stream from its configured route, so it reads only switches
        // made after it started; a restored one continues from its checkpoint, with the routes in
        // keyed state.
        topics.hasPromotionsTopic()
            ? new Promotions(
                kafka.newRecordsSource(
                    topics.promotions(),
                    config.kafka().groupId() + "-promotions",
                    config.kafka().boundedInput()),
                kafka.sink(
                    new JsonRecordSerializer<>(topics.promotions(), ModelSwitch::stream),
                    guarantee,
                    prefix + "-promotions"))
            : null);
  }

  /** Checkpointing, parallelism and network buffering as configured; call before {@link #build}. */
  public void configure(StreamExecutionEnvironment env) {
    env.enableCheckpointing(config.checkpointIntervalMs(), checkpointingMode(config));
    env.getCheckpointConfig()
        .setTolerableCheckpointFailureNumber(config.tolerableFailedCheckpoints());
    env.setParallelism(config.parallelism());
    env.setBufferTimeout(config.networkBufferTimeoutMs());
    Configuration options = new Configuration();
    if (config.checkpointDir() != null) {
      // Otherwise the cluster's execution.checkpointing.dir applies (the Helm chart sets it).
      options.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      options.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
    }
    // No type may fall back to Kryo: every record and state type has a Flink serializer (a POJO,
    // a record or an explicit one), so no checkpoint holds Kryo- or Java-serialised objects, and a
    // type added later that would fall back fails the job at start instead of in a checkpoint.
    options.set(PipelineOptions.GENERIC_TYPES, false);
    // Chained operators hand records on without a defensive copy: every record type is an
    // immutable Java record and no stage changes an array it received, so a copy only made
    // garbage (a deep copy of each observation per chained stage and of each 200-sample context;
    // ~5 % of the job's allocation in a JFR profile of the default load test, docs/loadtest.md).
    options.set(PipelineOptions.OBJECT_REUSE, true);
    env.configure(options);
  }

  /** Adds the job's operators to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    var eventTime = config.eventTime();
    Duration ttl = Duration.ofMillis(config.streamStateTtlMs());

    SingleOutputStreamOperator<Observation> parsed =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "observations")
            .uid("observations-source")
            .process(new ParseObservations(eventTime, config.limits()))
            .uid("parse")
            .name("parse");

    WatermarkStrategy<Observation> watermarks =
        WatermarkStrategy.<Observation>forGenerator(
                ctx ->
                    new EagerBoundedOutOfOrderness<>(
                        eventTime.maxOutOfOrdernessMs(), eventTime.maxWatermarkAdvanceMs()))
            .withTimestampAssigner((o, previous) -> o.timestampMillis())
            .withIdleness(Duration.ofMillis(eventTime.idleTimeoutMs()));
    DataStream<Observation> timed =
        afterParse.apply(parsed).assignTimestampsAndWatermarks(watermarks);

    SingleOutputStreamOperator<Observation> admitted =
        timed
            .keyBy(Observation::stream)
            .transform(
                "stream-admission",
                TypeInformation.of(Observation.class),
                new StreamAdmission(config.limits().maxStreamsPerSubtask(), ttl))
            .uid("stream-admission");
    Quarantine sortQuarantine = Quarantine.of(config.limits(), "event-time-sort");
    SingleOutputStreamOperator<Observation> sorted =
        DataStreamUtils.reinterpretAsKeyedStream(admitted, Observation::stream)
            .process(
                switch (eventTime.ordering()) {
                  case SORT -> new EventTimeSorter(ttl, sortQuarantine, false);
                  case ADAPTIVE -> new EventTimeSorter(ttl, sortQuarantine, true);
                  case ARRIVAL -> new ArrivalOrderGuard(ttl);
                })
            .uid("sort")
            .name("event-time-order");

    SingleOutputStreamOperator<Observation> checked =
        DataStreamUtils.reinterpretAsKeyedStream(sorted, Observation::stream)
            .process(
                new DataQualityFunction(
                    config.quality(), ttl, Quarantine.of(config.limits(), "data-quality")))
            .uid("quality")
            .name("data-quality");

    SingleOutputStreamOperator<ForecastRequest> requests =
        DataStreamUtils.reinterpretAsKeyedStream(checked, Observation::stream)
            .process(
                new ForecastFunction(
                    config.forecast(),
                    config.quality().gapFactor(),
                    ttl,
                    Quarantine.of(config.limits(), "forecast")))
            .uid("forecast")
            .name("forecast");
    ModelSetup models = ModelSetup.fromConfig(config);
    SingleOutputStreamOperator<ModelSwitch> switchesRead = null;
    DataStream<ForecastRequest> routed = requests;
    if (promotions != null) {
      switchesRead =
          env.fromSource(promotions.source(), ControlWatermarks.strategy(), "promotions")
              .uid("promotions-source")
              .process(new ParseModelSwitches(models.servedNames()))
              .uid("parse-promotions")
              .name("parse-model-switches");
      routed =
          DataStreamUtils.reinterpretAsKeyedStream(requests, ForecastRequest::stream)
              .connect(switchesRead.keyBy(ModelSwitch::stream))
              .process(new RouteOverrides(ttl, models.servedNames()))
              .uid("route-overrides")
              .name("route-overrides");
    }
    var batching = config.batching();
    var inference =
        new BatchingForecastOperator(
            models,
            config.forecast().horizonSteps(),
            batching.maxBatch(),
            batching.maxDelayMs(),
            config.limits());
    TypeInformation<Forecast> forecastType = TypeInformation.of(Forecast.class);
    SingleOutputStreamOperator<ModelAnnouncement> announcements = null;
    SingleOutputStreamOperator<Forecast> forecasts;
    if (modelsSource == null) {
      forecasts = routed.transform("batch-inference", forecastType, inference);
    } else {
      announcements =
          env.fromSource(modelsSource, WatermarkStrategy.noWatermarks(), "models")
              .uid("models-source")
              .process(new ParseModelAnnouncements(models))
              .uid("parse-models")
              .name("parse-model-announcements");
      forecasts =
          routed
              .connect(announcements.broadcast())
              .transform("batch-inference", forecastType, inference);
    }
    forecasts.uid("batch-inference");

    forecasts.sinkTo(forecastSink).uid("forecasts-sink").name("forecasts");

    DataStream<ForecastSkill> skill =
        DataStreamUtils.reinterpretAsKeyedStream(forecasts, Forecast::stream)
            .connect(DataStreamUtils.reinterpretAsKeyedStream(checked, Observation::stream))
            .process(new SkillFunction(ttl))
            .uid("skill")
            .name("forecast-skill");
    if (promotions != null || config.routing().stream().anyMatch(r -> r.challenger() != null)) {
      // A second join, so that a challenger's forecast never waits in the same state slot as the
      // champion's for the same stream and time.
      skill =
          skill.union(
              DataStreamUtils.reinterpretAsKeyedStream(
                      forecasts.getSideOutput(SideOutputs.CHALLENGER_FORECASTS), Forecast::stream)
                  .connect(DataStreamUtils.reinterpretAsKeyedStream(checked, Observation::stream))
                  .process(new SkillFunction(ttl, SkillFunction.CHALLENGER))
                  .uid("skill-challenger")
                  .name("forecast-skill-challenger"));
    }
    skill.sinkTo(skillSink).uid("skill-sink").name("skill");
    if (promotions != null) {
      skill
          .keyBy(ForecastSkill::stream)
          .process(
              new PromotionFunction(
                  config.promotion(), config.routing(), models.defaultModel(), ttl))
          .uid("promotion")
          .name("promotion")
          .sinkTo(promotions.sink())
          .uid("promotions-sink")
          .name("promotions");
    }
    // data quality, quarantines, remote-inference fallback and (below) drift alerts
    DataStream<Alert> alerts =
        checked
            .getSideOutput(SideOutputs.ALERTS)
            .union(
                requests.getSideOutput(SideOutputs.ALERTS),
                forecasts.getSideOutput(SideOutputs.ALERTS),
                admitted.getSideOutput(SideOutputs.ALERTS));
    var drift = config.drift();
    SingleOutputStreamOperator<AlertEvent> events = null;
    if (drift.enabled()) {
      // The served model's non-finite forecasts come from the same subtask as the stream's
      // observations (batch inference is chained on the keyed stream), so no shuffle is needed.
      var servedFailures =
          DataStreamUtils.reinterpretAsKeyedStream(
              forecasts.getSideOutput(SideOutputs.SERVED_ROLLOUT_FAILURES),
              ServedRolloutFailure::stream);
      events =
          DataStreamUtils.reinterpretAsKeyedStream(checked, Observation::stream)
              .connect(servedFailures)
              .process(
                  new DriftMonitorFunction(
                      drift.monitorConfig(), ttl, Quarantine.of(config.limits(), "drift-monitor")),
                  DriftTypes.ALERT_EVENT)
              .uid("drift")
              .name("drift-monitor");
      alerts =
          alerts.union(
              events.getSideOutput(SideOutputs.ALERTS),
              events
                  .keyBy(e -> StormGuardFunction.KEY)
                  .process(new StormGuardFunction(drift, ttl))
                  .setParallelism(1)
                  .uid("drift-storm-guard")
                  .name("drift-storm-guard"));
    }
    // One subtask on the (low-volume) alerts stream watches the job's own faults.
    alerts =
        alerts
            .transform(
                "fault-monitor",
                alerts.getType(),
                new FaultMonitor(
                    config.kafka().endpoint().properties(),
                    BROKER_PROBE_EVERY,
                    BROKER_PROBE_TIMEOUT))
            .setParallelism(1)
            .uid("fault-monitor");
    alerts.sinkTo(alertSink).uid("alerts-sink").name("alerts");
    DataStream<DeadLetter> deadLetters =
        parsed
            .getSideOutput(SideOutputs.DEAD_LETTERS)
            .union(
                admitted.getSideOutput(SideOutputs.DEAD_LETTERS),
                sorted.getSideOutput(SideOutputs.DEAD_LETTERS),
                checked.getSideOutput(SideOutputs.DEAD_LETTERS),
                requests.getSideOutput(SideOutputs.DEAD_LETTERS),
                forecasts.getSideOutput(SideOutputs.DEAD_LETTERS));
    if (announcements != null) {
      deadLetters = deadLetters.union(announcements.getSideOutput(SideOutputs.DEAD_LETTERS));
    }
    if (switchesRead != null) {
      deadLetters = deadLetters.union(switchesRead.getSideOutput(SideOutputs.DEAD_LETTERS));
    }
    if (events != null) {
      deadLetters = deadLetters.union(events.getSideOutput(SideOutputs.DEAD_LETTERS));
    }
    deadLetters.sinkTo(deadLetterSink).uid("dlq-sink").name("dead-letters");
  }

  /**
   * Exactly-once output needs aligned checkpoint barriers; at-least-once output does not, and
   * unaligned-in-time (at-least-once) barriers never hold a channel back while the others catch up,
   * which takes a checkpoint's stall out of the latency tail.
   */
  public static CheckpointingMode checkpointingMode(JobConfig config) {
    return config.delivery() == JobConfig.Delivery.EXACTLY_ONCE
        ? CheckpointingMode.EXACTLY_ONCE
        : CheckpointingMode.AT_LEAST_ONCE;
  }

  /** Configures, builds and runs the job; blocks until it ends. */
  public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
    configure(env);
    build(env);
    return env.execute(JOB_NAME);
  }
}
