package io.chaoscast.jobs.config;

import io.chaoscast.connectors.kafka.KafkaEndpoint;
import io.chaoscast.connectors.kafka.Topics;
import io.chaoscast.connectors.serde.RecordLimits;
import io.chaoscast.jobs.lifecycle.ModelLoader;
import io.chaoscast.jobs.lifecycle.ModelRoot;
import io.chaoscast.jobs.routing.Router;
import io.chaoscast.models.drift.AlertStormGuard;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.forecast.ParrotForecaster;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The job's whole configuration, read from one YAML file ({@link JobConfigLoader}); every field has
 * a default (see {@link #defaults()} and docs/configuration.md).
 *
 * @param modelRoot the directory every announced model artifact (and, when set, every configured
 *     one) must lie under; null: announcements are refused, so a models topic needs it
 */
public record JobConfig(
    Kafka kafka,
    TopicNames topics,
    Delivery delivery,
    long checkpointIntervalMs,
    int parallelism,
    long networkBufferTimeoutMs,
    long streamStateTtlMs,
    EventTime eventTime,
    ForecastSettings forecast,
    Batching batching,
    QualitySettings quality,
    RemoteInference remoteInference,
    List<ModelEntry> models,
    String modelRoot,
    List<RouteRule> routing,
    DriftSettings drift,
    Limits limits,
    int tolerableFailedCheckpoints,
    String checkpointDir,
    PromotionSettings promotion)
    implements Serializable {

  /**
   * Failed checkpoints in a row that the job tolerates before Flink fails it over (those Flink
   * counts: state that could not be written, declined or expired checkpoints). A restart does not
   * make storage writable again, so a short storage fault should cost a few checkpoints (and their
   * commits), not a restart.
   */
  public static final int DEFAULT_TOLERABLE_FAILED_CHECKPOINTS = 5;

  /** With the default promotion settings. */
  public JobConfig(
      Kafka kafka,
      TopicNames topics,
      Delivery delivery,
      long checkpointIntervalMs,
      int parallelism,
      long networkBufferTimeoutMs,
      long streamStateTtlMs,
      EventTime eventTime,
      ForecastSettings forecast,
      Batching batching,
      QualitySettings quality,
      RemoteInference remoteInference,
      List<ModelEntry> models,
      String modelRoot,
      List<RouteRule> routing,
      DriftSettings drift,
      Limits limits,
      int tolerableFailedCheckpoints,
      String checkpointDir) {
    this(
        kafka,
        topics,
        delivery,
        checkpointIntervalMs,
        parallelism,
        networkBufferTimeoutMs,
        streamStateTtlMs,
        eventTime,
        forecast,
        batching,
        quality,
        remoteInference,
        models,
        modelRoot,
        routing,
        drift,
        limits,
        tolerableFailedCheckpoints,
        checkpointDir,
        PromotionSettings.defaults());
  }

  public JobConfig {
    promotion = promotion == null ? PromotionSettings.defaults() : promotion;
    models = models == null ? List.of() : List.copyOf(models);
    modelRoot = modelRoot == null || modelRoot.isBlank() ? null : modelRoot;
    checkpointDir = checkpointDir == null || checkpointDir.isBlank() ? null : checkpointDir;
    routing = routing == null ? List.of() : List.copyOf(routing);
  }

  /** How output reaches Kafka. */
  public enum Delivery {
    /**
     * Transactions committed on checkpoints: no duplicates, visible latency up to a checkpoint
     * interval.
     */
    EXACTLY_ONCE,
    /**
     * Flushed on checkpoints, visible at once: lowest latency, duplicates possible after a failure.
     */
    AT_LEAST_ONCE
  }

  /**
   * @param bootstrapServers {@code host:port,...}
   * @param groupId consumer group of the observation source
   * @param transactionalIdPrefix prefix of the sink's transactional ids; unique per job
   * @param properties client properties passed to every consumer and producer (security etc.)
   * @param boundedInput stop at the end offsets seen at start (replay a topic, then finish)
   */
  public record Kafka(
      String bootstrapServers,
      String groupId,
      String transactionalIdPrefix,
      Map<String, String> properties,
      boolean boundedInput)
      implements Serializable {

    public KafkaEndpoint endpoint() {
      return new KafkaEndpoint(bootstrapServers, properties == null ? Map.of() : properties);
    }
  }

  /**
   * @param models the model control topic; null or empty: no control topic, the registry is the
   *     configured one for the job's whole life
   * @param promotions where the job writes every promotion and demotion of a stream's model, and
   *     reads them back to route the stream; null or empty: no promotion, streams keep their
   *     configured routes
   */
  public record TopicNames(
      String observations,
      String forecasts,
      String alerts,
      String deadLetters,
      String skill,
      String models,
      String promotions)
      implements Serializable {

    /** Without a promotions topic. */
    public TopicNames(
        String observations,
        String forecasts,
        String alerts,
        String deadLetters,
        String skill,
        String models) {
      this(observations, forecasts, alerts, deadLetters, skill, models, "");
    }

    public boolean hasModelsTopic() {
      return models != null && !models.isBlank();
    }

    public boolean hasPromotionsTopic() {
      return promotions != null && !promotions.isBlank();
    }
  }

  /**
   * When a challenger takes over a stream and when its champion is demoted (see {@link
   * io.chaoscast.jobs.promotion.PromotionRule}); active with {@code topics.promotions}.
   *
   * @param minScored scored forecasts of each model since the last switch before a promotion (of
   *     the champion before a demotion)
   * @param margin the challenger's mean valid prediction time must exceed (1 + margin) times the
   *     champion's
   * @param memory scores the running mean is taken over (exponentially weighted after that many)
   * @param collapseFraction a champion whose mean falls below this fraction of its peak since the
   *     last switch is demoted to the default model
   */
  public record PromotionSettings(int minScored, double margin, int memory, double collapseFraction)
      implements Serializable {

    public static PromotionSettings defaults() {
      return new PromotionSettings(30, 0.1, 50, 0.5);
    }

    void check(List<String> p) {
      if (minScored < 1) p.add("promotion.min_scored must be >= 1");
      if (!(margin > 0 && margin <= 10)) {
        p.add("promotion.margin must be in (0, 10]: without a margin two close models flap");
      }
      if (memory < 1) p.add("promotion.memory must be >= 1");
      if (!(collapseFraction > 0 && collapseFraction < 1)) {
        p.add("promotion.collapse_fraction must be in (0, 1)");
      }
    }
  }

  /**
   * @param maxOutOfOrdernessMs how far behind the newest event time a record may be and still be
   *     used; records further behind go to the dead-letter topic as late
   * @param maxTimestampSkewMs largest allowed distance between a record's event time and its Kafka
   *     timestamp; 0 turns the check off (replays of old recordings)
   * @param idleTimeoutMs a source partition silent this long stops holding back the watermark
   * @param ordering how each stream is put in event-time order before the data-quality checks
   * @param maxFutureSkewMs how far a record's event time may be ahead of the earlier of its Kafka
   *     timestamp and the job's clock; records further ahead go to the dead-letter topic as {@code
   *     future_timestamp}, before they can move the watermark; 0 turns the check off
   * @param maxWatermarkAdvanceMs a record more than this ahead of its partition's newest event time
   *     moves the watermark only once the next record of the partition confirms the jump, so that
   *     one record cannot make the rest of the partition late; 0 turns the guard off
   */
  public record EventTime(
      long maxOutOfOrdernessMs,
      long maxTimestampSkewMs,
      long idleTimeoutMs,
      Ordering ordering,
      long maxFutureSkewMs,
      long maxWatermarkAdvanceMs)
      implements Serializable {

    public static final long DEFAULT_MAX_FUTURE_SKEW_MS = 60_000;
    public static final long DEFAULT_MAX_WATERMARK_ADVANCE_MS = 10_000;

    /** With the default future-skew and watermark-advance bounds. */
    public EventTime(
        long maxOutOfOrdernessMs, long maxTimestampSkewMs, long idleTimeoutMs, Ordering ordering) {
      this(
          maxOutOfOrdernessMs,
          maxTimestampSkewMs,
          idleTimeoutMs,
          ordering,
          DEFAULT_MAX_FUTURE_SKEW_MS,
          DEFAULT_MAX_WATERMARK_ADVANCE_MS);
    }
  }

  /** How each stream is put in event-time order. */
  public enum Ordering {
    /**
     * Buffer each record until the watermark passes it, then emit in timestamp order: tolerates
     * records up to {@code max_out_of_orderness_ms} out of order, at the price of that much
     * latency.
     */
    SORT,
    /**
     * Pass each record on at once while its stream is in order; the first record older than its
     * stream's last is dead-lettered and that stream is sorted like {@link #SORT} from then on.
     */
    ADAPTIVE,
    /**
     * Pass each record on as it arrives if it is newer than its stream's last; older ones go to the
     * dead-letter topic. No watermark wait: for producers that write each stream in order.
     */
    ARRIVAL
  }

  /**
   * @param model a built-in baseline: {@code nvar}, {@code parrot} or {@code persistence}
   * @param contextLength samples of history each forecast is made from
   * @param horizonSteps samples ahead each forecast reaches
   * @param everySamples a forecast is issued every this many samples of a stream
   * @param embeddingDimension delays in the NVAR feature vector (m)
   * @param embeddingDelay samples between delays (tau)
   * @param ridge NVAR's ridge regularisation
   * @param parrotCoordinates values in context parroting's delay vector (see {@link
   *     ParrotForecaster})
   * @param parrotDelay samples between the delay vector's states
   */
  public record ForecastSettings(
      String model,
      int contextLength,
      int horizonSteps,
      int everySamples,
      int embeddingDimension,
      int embeddingDelay,
      double ridge,
      int parrotCoordinates,
      int parrotDelay)
      implements Serializable {

    /** With context parroting's defaults. */
    public ForecastSettings(
        String model,
        int contextLength,
        int horizonSteps,
        int everySamples,
        int embeddingDimension,
        int embeddingDelay,
        double ridge) {
      this(
          model,
          contextLength,
          horizonSteps,
          everySamples,
          embeddingDimension,
          embeddingDelay,
          ridge,
          ParrotForecaster.DEFAULT_COORDINATES,
          1);
    }

    /** These settings with another default model. */
    public ForecastSettings withModel(String other) {
      return new ForecastSettings(
          other,
          contextLength,
          horizonSteps,
          everySamples,
          embeddingDimension,
          embeddingDelay,
          ridge,
          parrotCoordinates,
          parrotDelay);
    }
  }

  /**
   * A trained model artifact the job serves, known by {@code name} to the routing rules and to the
   * announcements on the models topic.
   *
   * @param path the artifact directory (manifest.json plus weights)
   * @param device {@code cpu}, {@code gpu} or {@code auto} (default)
   * @param version carried by its forecasts as {@code name/version}; null: the manifest's model id
   */
  public record ModelEntry(String name, String path, String device, String version)
      implements Serializable {
    public ModelEntry {
      device = device == null ? "auto" : device;
    }
  }

  /**
   * Streams whose id matches {@code match} (a regular expression over the whole id) are forecast by
   * {@code model}; the first matching rule wins.
   *
   * @param challenger a second model that forecasts the same requests for comparison; its forecasts
   *     are scored but not published (null: none)
   */
  public record RouteRule(String match, String model, String challenger) implements Serializable {}

  /**
   * Mini-batch inference across streams.
   *
   * @param maxBatch a bundle is run as soon as it holds this many forecast requests
   * @param maxDelayMs ... or when its oldest request has waited this long (processing time); 0 runs
   *     every request at once
   */
  public record Batching(int maxBatch, long maxDelayMs) implements Serializable {}

  /**
   * @param gapFactor a stream silent for this many of its sample intervals is in a gap
   * @param warmupSamples samples before gap detection starts (the interval must be learned first)
   * @param flatLineSamples identical consecutive values in one channel that make a flat line
   * @param nanBurstWindow records looked back over for the NaN burst
   * @param nanBurstThreshold non-finite records within the window that open a NaN burst
   * @param channelChangeRecords consecutive records with another channel count that open a
   *     channel-count change
   */
  public record QualitySettings(
      double gapFactor,
      int warmupSamples,
      int flatLineSamples,
      int nanBurstWindow,
      int nanBurstThreshold,
      int channelChangeRecords)
      implements Serializable {}

  /**
   * Flink's own default (100 ms) lets a half-full network buffer wait that long before it is sent;
   * at the rates of a sensor stream that wait dominates end-to-end latency (docs/loadtest.md).
   */
  public static final long DEFAULT_NETWORK_BUFFER_TIMEOUT_MS = 5;

  /**
   * Forecasts from a remote KServe v2 inference server instead of in-process, with a fallback (see
   * docs/remote-inference.md).
   *
   * @param enabled off: the in-process {@code forecast.model} runs, as without this section
   * @param url the server's base URL, {@code http(s)://host:port}
   * @param modelName the model's name on the server ({@code /v2/models/{model_name}/infer})
   * @param timeoutMs bound on one HTTP request, connection included
   * @param retries extra attempts after a transient failure (no connection, timeout, 502/503/504)
   * @param retryBackoffMs wait before the first retry, doubled before each further one
   * @param breaker when remote calls stop and when they are tried again
   * @param fallbackModel the in-process model used while the server is unavailable: {@code nvar} or
   *     {@code persistence}, with the {@code forecast} section's embedding settings
   * @param maxResponseBytes a larger answer is cut off and counts as a server failure
   * @param authToken sent as {@code Authorization: Bearer <token>} (null: none); usually {@code
   *     ${env:NAME}}
   * @param authTokenFile a file whose content (trimmed) is the bearer token (null: none)
   * @param tlsTrustFile PEM certificate(s) trusted for an https url, instead of the JDK's trust
   *     store (null: the JDK's)
   */
  public record RemoteInference(
      boolean enabled,
      String url,
      String modelName,
      long timeoutMs,
      int retries,
      long retryBackoffMs,
      Breaker breaker,
      String fallbackModel,
      long maxResponseBytes,
      String authToken,
      String authTokenFile,
      String tlsTrustFile)
      implements Serializable {

    /** 16 MiB: far above a batch of 64 forecasts (~100 KiB), far below a TaskManager's heap. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

    /** Without the token, which ends up in logs otherwise. */
    @Override
    public String toString() {
      return "RemoteInference[url="
          + url
          + ", modelName="
          + modelName
          + ", authToken="
          + (authToken == null ? "none" : "<redacted>")
          + ", authTokenFile="
          + authTokenFile
          + ", tlsTrustFile="
          + tlsTrustFile
          + "]";
    }
  }

  /**
   * The circuit breaker over remote calls ({@link io.chaoscast.jobs.remote.CircuitBreaker}).
   *
   * @param consecutiveFailures failed calls in a row that open it
   * @param failureRate fraction of failed calls among the last {@code windowCalls} that opens it
   * @param windowCalls calls the failure rate is measured over
   * @param coolDownMs how long it stays open before one probe call is let through
   */
  public record Breaker(
      int consecutiveFailures, double failureRate, int windowCalls, long coolDownMs)
      implements Serializable {}

  /**
   * The drift and stability monitor (docs/drift.md); lengths in samples of each stream, thresholds
   * in baseline units z. Defaults are those of {@code ./forecaster detect} ({@link
   * MonitorConfig#defaults()}); the keys not listed here keep those defaults.
   *
   * @param enabled run the monitor (it needs at most {@code reference_samples +
   *     calibration_samples} samples of a stream before it can alert on it)
   * @param referenceSamples first samples of a stream: the reference period
   * @param calibrationSamples next samples: the signals' baselines are learned from them
   * @param hop samples between two computations of the signals (one block)
   * @param window samples the occupancy, entropy and geometry signals look at
   * @param openZ a signal fires from this excursion on (and a detector flagged it)
   * @param tailFactor ... and when it exceeds the largest calibration excursion by this factor
   * @param resolveZ a signal is quiet again below this excursion (hysteresis; less than open_z)
   * @param criticalZ excursion from which an alert is CRITICAL
   * @param corroboration signals that must fire in the same block (unless one is critical)
   * @param minDurationBlocks consecutive firing blocks before an alert opens
   * @param resolveBlocks consecutive quiet blocks before an open alert resolves
   * @param cooldownBlocks blocks after a resolution during which the same kind cannot reopen
   * @param stormWindowMs event-time window of the storm guard
   * @param stormMaxOpens drift alerts that may open (all streams together) within that window
   *     before one aggregate DRIFT_STORM alert replaces the rest
   * @param referenceSeconds stream time after which the reference period ends early (0: off)
   * @param calibrationSeconds stream time after which calibration ends early (0: off)
   * @param baselineHalfLifeBlocks half-life of the adapting baselines in blocks (0: fixed)
   * @param anomalyTailProbability tail probability of the forecast surprise that opens an ANOMALY
   */
  public record DriftSettings(
      boolean enabled,
      int referenceSamples,
      int calibrationSamples,
      int hop,
      int window,
      double openZ,
      double tailFactor,
      double resolveZ,
      double criticalZ,
      int corroboration,
      int minDurationBlocks,
      int resolveBlocks,
      int cooldownBlocks,
      long stormWindowMs,
      int stormMaxOpens,
      double referenceSeconds,
      double calibrationSeconds,
      int baselineHalfLifeBlocks,
      double anomalyTailProbability)
      implements Serializable {

    /** These settings, switched on or off. */
    public DriftSettings withEnabled(boolean on) {
      return new DriftSettings(
          on,
          referenceSamples,
          calibrationSamples,
          hop,
          window,
          openZ,
          tailFactor,
          resolveZ,
          criticalZ,
          corroboration,
          minDurationBlocks,
          resolveBlocks,
          cooldownBlocks,
          stormWindowMs,
          stormMaxOpens,
          referenceSeconds,
          calibrationSeconds,
          baselineHalfLifeBlocks,
          anomalyTailProbability);
    }

    /** The monitor defaults of {@code detect}, storm guard defaults of {@link AlertStormGuard}. */
    public static DriftSettings defaults() {
      MonitorConfig m = MonitorConfig.defaults();
      return new DriftSettings(
          true,
          m.referenceSamples(),
          m.calibrationSamples(),
          m.hop(),
          m.window(),
          m.openZ(),
          m.tailFactor(),
          m.resolveZ(),
          m.criticalZ(),
          m.corroboration(),
          m.minDurationBlocks(),
          m.resolveBlocks(),
          m.cooldownBlocks(),
          Math.round(AlertStormGuard.DEFAULT_WINDOW_SECONDS * 1000),
          AlertStormGuard.DEFAULT_MAX_OPENS,
          m.referenceSeconds(),
          m.calibrationSeconds(),
          m.baselineHalfLifeBlocks(),
          m.anomalyTailProbability());
    }

    /** The monitor settings: these keys over {@link MonitorConfig#defaults()}. */
    public MonitorConfig monitorConfig() {
      return MonitorConfig.defaults()
          .with(
              m -> {
                m.referenceSamples = referenceSamples;
                m.calibrationSamples = calibrationSamples;
                m.hop = hop;
                m.window = window;
                m.openZ = openZ;
                m.tailFactor = tailFactor;
                m.resolveZ = resolveZ;
                m.criticalZ = criticalZ;
                m.corroboration = corroboration;
                m.minDurationBlocks = minDurationBlocks;
                m.resolveBlocks = resolveBlocks;
                m.cooldownBlocks = cooldownBlocks;
                m.referenceSeconds = referenceSeconds;
                m.calibrationSeconds = calibrationSeconds;
                m.baselineHalfLifeBlocks = baselineHalfLifeBlocks;
                m.anomalyTailProbability = anomalyTailProbability;
              });
    }

    /** The storm guard: one for the whole job. */
    public AlertStormGuard stormGuard() {
      return new AlertStormGuard(stormWindowMs / 1000.0, stormMaxOpens);
    }
  }

  /**
   * Bounds on what one record or one stream may cost the job. Above each bound the record is
   * dead-lettered with a reason, or the stream is served by a cheaper model, never a failed task
   * (docs/configuration.md says what happens above each).
   *
   * @param maxRecordBytes a record value longer than this is dead-lettered unparsed
   * @param maxStreamIdLength characters allowed in a stream id
   * @param maxChannelNameLength characters allowed in one channel name
   * @param maxChannels channels allowed in one record
   * @param maxModelChannels streams with more channels than this are forecast by persistence
   *     instead of their routed model (NVAR's cost grows steeply with the channel count)
   * @param maxStreamsPerSubtask streams one subtask keeps state for; records of further new streams
   *     are dead-lettered and an alert is raised
   * @param quarantineAfterFailures consecutive internal failures of one stream that quarantine it
   * @param quarantineMs how long a quarantined stream's records are dead-lettered before release
   */
  public record Limits(
      int maxRecordBytes,
      int maxStreamIdLength,
      int maxChannelNameLength,
      int maxChannels,
      int maxModelChannels,
      int maxStreamsPerSubtask,
      int quarantineAfterFailures,
      long quarantineMs)
      implements Serializable {

    public static Limits defaults() {
      return new Limits(1_048_576, 256, 64, 4096, 8, 100_000, 3, 600_000);
    }

    /** The parser's bounds on one record, as the job and the trainer apply them. */
    public RecordLimits recordLimits() {
      return new RecordLimits(maxRecordBytes, maxStreamIdLength, maxChannelNameLength, maxChannels);
    }

    void check(List<String> p) {
      if (maxRecordBytes < 64) p.add("limits.max_record_bytes must be at least 64");
      if (maxStreamIdLength < 1) p.add("limits.max_stream_id_length must be >= 1");
      if (maxChannelNameLength < 1) p.add("limits.max_channel_name_length must be >= 1");
      if (maxChannels < 1) p.add("limits.max_channels must be >= 1");
      if (maxModelChannels < 1) p.add("limits.max_model_channels must be >= 1");
      if (maxStreamsPerSubtask < 1) p.add("limits.max_streams_per_subtask must be >= 1");
      if (quarantineAfterFailures < 1) p.add("limits.quarantine_after_failures must be >= 1");
      if (quarantineMs < 1000) p.add("limits.quarantine_ms must be at least 1000");
    }
  }

  public static JobConfig defaults() {
    return new JobConfig(
        new Kafka(null, "chaoscast-forecaster", "chaoscast-forecaster", Map.of(), false),
        new TopicNames(
            Topics.OBSERVATIONS,
            Topics.FORECASTS,
            Topics.ALERTS,
            Topics.DEAD_LETTERS,
            Topics.SKILL,
            "",
            ""),
        Delivery.EXACTLY_ONCE,
        1000,
        1,
        DEFAULT_NETWORK_BUFFER_TIMEOUT_MS,
        86_400_000,
        new EventTime(100, 3_600_000, 5_000, Ordering.ADAPTIVE),
        new ForecastSettings("nvar", 200, 20, 10, 2, 1, 1e-6),
        new Batching(64, 5),
        new QualitySettings(5.0, 10, 50, 50, 5, 3),
        new RemoteInference(
            false,
            null,
            "forecaster",
            1000,
            2,
            50,
            new Breaker(3, 0.5, 20, 5000),
            "nvar",
            RemoteInference.DEFAULT_MAX_RESPONSE_BYTES,
            null,
            null,
            null),
        List.of(),
        null,
        List.of(),
        DriftSettings.defaults(),
        Limits.defaults(),
        DEFAULT_TOLERABLE_FAILED_CHECKPOINTS,
        null);
  }

  /** This configuration with other topic names. */
  public JobConfig withTopics(TopicNames t) {
    return with(t, limits);
  }

  /** This configuration with another Kafka connection. */
  public JobConfig withKafka(Kafka k) {
    return new JobConfig(
        k,
        topics,
        delivery,
        checkpointIntervalMs,
        parallelism,
        networkBufferTimeoutMs,
        streamStateTtlMs,
        eventTime,
        forecast,
        batching,
        quality,
        remoteInference,
        models,
        modelRoot,
        routing,
        drift,
        limits,
        tolerableFailedCheckpoints,
        checkpointDir,
        promotion);
  }

  /** This configuration with other limits. */
  public JobConfig withLimits(Limits l) {
    return with(topics, l);
  }

  private JobConfig with(TopicNames topics, Limits limits) {
    return new JobConfig(
        kafka,
        topics,
        delivery,
        checkpointIntervalMs,
        parallelism,
        networkBufferTimeoutMs,
        streamStateTtlMs,
        eventTime,
        forecast,
        batching,
        quality,
        remoteInference,
        models,
        modelRoot,
        routing,
        drift,
        limits,
        tolerableFailedCheckpoints,
        checkpointDir,
        promotion);
  }

  /** Every problem found, each naming the key to fix; empty when the configuration is usable. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (kafka == null || blank(kafka.bootstrapServers())) {
      p.add("kafka.bootstrap_servers is required (host:port[,host:port...])");
    }
    if (kafka != null && blank(kafka.groupId())) p.add("kafka.group_id must not be empty");
    if (kafka != null && blank(kafka.transactionalIdPrefix())) {
      p.add("kafka.transactional_id_prefix must not be empty");
    }
    if (topics == null
        || blank(topics.observations())
        || blank(topics.forecasts())
        || blank(topics.alerts())
        || blank(topics.deadLetters())
        || blank(topics.skill())) {
      p.add("topics.observations, forecasts, alerts, dead_letters and skill must all be set");
    } else if (topics.hasModelsTopic() && models.isEmpty()) {
      p.add("topics.models is set but no models are listed under models: to announce versions of");
    }
    promotion.check(p); // also without the topic: a bad value fails now, not when it is set
    if (delivery == null) p.add("delivery must be exactly_once or at_least_once");
    if (checkpointIntervalMs < 100) p.add("checkpoint_interval_ms must be at least 100");
    if (tolerableFailedCheckpoints < 0) {
      p.add(
          "tolerable_failed_checkpoints must be >= 0 (0: the first failed checkpoint fails the job"
              + " over)");
    } else if (delivery == Delivery.EXACTLY_ONCE && kafka != null) {
      checkTransactionOutlivesFailedCheckpoints(p);
    }
    checkCheckpointDir(p);
    if (parallelism < 1) p.add("parallelism must be at least 1");
    if (networkBufferTimeoutMs < 0) {
      p.add("network_buffer_timeout_ms must be >= 0 (0 sends every record at once)");
    }
    if (streamStateTtlMs < 1000) p.add("stream_state_ttl_ms must be at least 1000");
    if (eventTime.maxOutOfOrdernessMs() < 0)
      p.add("event_time.max_out_of_orderness_ms must be >= 0");
    if (eventTime.maxTimestampSkewMs() < 0)
      p.add("event_time.max_timestamp_skew_ms must be >= 0 (0 = off)");
    if (eventTime.idleTimeoutMs() < 1) p.add("event_time.idle_timeout_ms must be >= 1");
    if (eventTime.maxFutureSkewMs() < 0)
      p.add("event_time.max_future_skew_ms must be >= 0 (0 = off)");
    if (eventTime.maxWatermarkAdvanceMs() < 0)
      p.add("event_time.max_watermark_advance_ms must be >= 0 (0 = off)");
    if (eventTime.ordering() == null)
      p.add("event_time.ordering must be adaptive, sort or arrival");
    checkForecast(p);
    if (batching.maxBatch() < 1) p.add("batching.max_batch must be >= 1");
    if (batching.maxDelayMs() < 0) p.add("batching.max_delay_ms must be >= 0");
    checkQuality(p);
    checkRemoteInference(p);
    checkModels(p);
    checkDrift(p);
    if (limits == null) p.add("limits must not be null");
    else limits.check(p);
    return p;
  }

  /**
   * Under exactly-once a transaction stays open until a checkpoint completes: tolerating failed
   * checkpoints for longer than the broker keeps a transaction open would let the broker abort
   * output the job still means to commit.
   */
  private void checkTransactionOutlivesFailedCheckpoints(List<String> p) {
    long timeoutMs;
    try {
      timeoutMs =
          Long.parseLong(
              kafka.properties() == null
                  ? KafkaEndpoint.DEFAULT_TRANSACTION_TIMEOUT_MS
                  : kafka
                      .properties()
                      .getOrDefault(
                          "transaction.timeout.ms", KafkaEndpoint.DEFAULT_TRANSACTION_TIMEOUT_MS)
                      .trim());
    } catch (NumberFormatException e) {
      return; // Kafka's own configuration check names it
    }
    long openMs = (tolerableFailedCheckpoints + 2L) * checkpointIntervalMs;
    if (openMs >= timeoutMs) {
      p.add(
          "tolerable_failed_checkpoints "
              + tolerableFailedCheckpoints
              + " at checkpoint_interval_ms "
              + checkpointIntervalMs
              + " keeps a transaction open up to "
              + openMs
              + " ms, not less than the transaction timeout ("
              + timeoutMs
              + " ms, kafka.properties.transaction.timeout.ms): lower tolerable_failed_checkpoints");
    }
  }

  /** A URI with a scheme ({@code file:///...}, {@code s3://...}) or an absolute path. */
  private void checkCheckpointDir(List<String> p) {
    if (checkpointDir == null) return;
    String fix =
        "checkpoint_dir must be a URI with a scheme (file:///..., s3://bucket/...) or an absolute"
            + " path, not '"
            + checkpointDir
            + "'";
    try {
      URI uri = new URI(checkpointDir);
      if (uri.getScheme() == null && !Path.of(checkpointDir).isAbsolute()) p.add(fix);
    } catch (URISyntaxException | java.nio.file.InvalidPathException e) {
      p.add(fix);
    }
  }

  /** Names a routing rule may use: the built-in baselines and the configured models. */
  private Set<String> modelNames() {
    Set<String> names = new HashSet<>(Router.BUILT_INS);
    for (var m : models) names.add(m.name());
    return names;
  }

  private void checkModels(List<String> p) {
    ModelRoot root = new ModelRoot(modelRoot);
    boolean rootUsable = modelRoot != null && Files.isDirectory(Path.of(modelRoot));
    if (modelRoot != null && !rootUsable) {
      p.add("model_root '" + modelRoot + "' is not a directory");
    } else if (modelRoot == null && topics != null && topics.hasModelsTopic()) {
      p.add(
          "model_root must be set when topics.models is set: announcements may only name"
              + " artifacts under it");
    }
    Set<String> seen = new HashSet<>(Router.BUILT_INS);
    for (int i = 0; i < models.size(); i++) {
      var m = models.get(i);
      String key = "models[" + i + "]";
      if (blank(m.name())) {
        p.add(key + ".name must be set");
        continue;
      }
      if (!seen.add(m.name())) {
        p.add(
            key + ".name '" + m.name() + "' is used twice or names a built-in " + Router.BUILT_INS);
      }
      if (blank(m.path())) {
        p.add(key + ".path must be set (a model artifact directory)");
        continue;
      }
      String outside = rootUsable ? root.problemWithConfigured(m.path()) : null;
      if (outside != null) {
        p.add(key + ".path " + outside);
        continue;
      }
      if (!ModelLoader.DEVICES.contains(m.device())) {
        p.add(key + ".device must be cpu, gpu or auto, not '" + m.device() + "'");
        continue;
      }
      String problem = ModelLoader.check(m, m.path(), forecast.contextLength());
      if (problem != null) p.add(key + " (" + m.name() + "): " + problem);
    }
    Set<String> names = modelNames();
    for (int i = 0; i < routing.size(); i++) {
      var r = routing.get(i);
      String key = "routing[" + i + "]";
      if (blank(r.match())) {
        p.add(key + ".match must be a regular expression over the stream id");
      } else {
        try {
          Pattern.compile(r.match());
        } catch (PatternSyntaxException e) {
          p.add(key + ".match is not a valid regular expression: " + e.getDescription());
        }
      }
      if (r.model() == null || !names.contains(r.model())) {
        p.add(key + ".model '" + r.model() + "' is neither a built-in nor listed under models");
      }
      if (r.challenger() != null && !names.contains(r.challenger())) {
        p.add(
            key
                + ".challenger '"
                + r.challenger()
                + "' is neither a built-in nor listed under models");
      }
      if (r.challenger() != null && r.challenger().equals(r.model())) {
        p.add(key + ".challenger must differ from " + key + ".model");
      }
    }
  }

  private void checkDrift(List<String> p) {
    var d = drift;
    int before = p.size();
    if (d.referenceSamples() < 256) p.add("drift.reference_samples must be >= 256");
    if (d.hop() < 1) p.add("drift.hop must be >= 1");
    int rsaItems = MonitorConfig.defaults().rsaItems();
    if (d.window() < 3 * rsaItems) p.add("drift.window must be >= " + 3 * rsaItems);
    if (d.calibrationSamples() < 8 * d.hop() + d.window()) {
      p.add("drift.calibration_samples must be >= 8 hop + window");
    }
    if (!(d.openZ() > 0)) p.add("drift.open_z must be > 0");
    if (!(d.resolveZ() >= 0 && d.resolveZ() < d.openZ())) {
      p.add("drift.resolve_z must be in [0, open_z) (hysteresis)");
    }
    if (!(d.criticalZ() >= d.openZ())) p.add("drift.critical_z must be >= open_z");
    if (!(d.tailFactor() >= 0)) p.add("drift.tail_factor must be >= 0");
    if (d.corroboration() < 1) p.add("drift.corroboration must be >= 1");
    if (d.minDurationBlocks() < 1) p.add("drift.min_duration_blocks must be >= 1");
    if (d.resolveBlocks() < 1) p.add("drift.resolve_blocks must be >= 1");
    if (d.cooldownBlocks() < 0) p.add("drift.cooldown_blocks must be >= 0");
    if (d.stormWindowMs() < 1) p.add("drift.storm_window_ms must be >= 1");
    if (d.stormMaxOpens() < 1) p.add("drift.storm_max_opens must be >= 1");
    if (p.size() == before) {
      // the monitor's own checks (the keys added since, e.g. drift.reference_seconds), in its words
      try {
        d.monitorConfig();
      } catch (IllegalArgumentException e) {
        p.add(e.getMessage());
      }
    }
  }

  private void checkForecast(List<String> p) {
    var f = forecast;
    if (!Router.BUILT_INS.contains(f.model())) {
      p.add(
          "forecast.model must be one of "
              + new TreeSet<>(Router.BUILT_INS)
              + ", not '"
              + f.model()
              + "'");
    }
    if (f.parrotCoordinates() < 1) p.add("forecast.parrot_coordinates must be >= 1");
    if (f.parrotDelay() < 1) p.add("forecast.parrot_delay must be >= 1");
    if (f.parrotCoordinates() >= 1 && f.parrotDelay() >= 1) {
      int parrotNeeds =
          new ParrotForecaster(f.parrotCoordinates(), f.parrotDelay()).minContextLength();
      if (f.contextLength() < parrotNeeds) {
        p.add(
            "forecast.context_length must be >= "
                + parrotNeeds
                + " for context parroting's delay vector ((parrot_coordinates - 1)"
                + " parrot_delay + 2)");
      }
    }
    if (f.horizonSteps() < 1) p.add("forecast.horizon_steps must be >= 1");
    if (f.everySamples() < 1) p.add("forecast.every_samples must be >= 1");
    if (f.embeddingDimension() < 1) p.add("forecast.embedding_dimension must be >= 1");
    if (f.embeddingDelay() < 1) p.add("forecast.embedding_delay must be >= 1");
    if (f.ridge() < 0) p.add("forecast.ridge must be >= 0");
    int needed = 2 * (f.embeddingDimension() - 1) * f.embeddingDelay() + 10;
    if (f.contextLength() < needed) {
      p.add(
          "forecast.context_length must be >= "
              + needed
              + " for this embedding (2 (m-1) tau + 10)");
    }
  }

  private void checkQuality(List<String> p) {
    var q = quality;
    if (q.gapFactor() <= 1) p.add("quality.gap_factor must be > 1");
    if (q.warmupSamples() < 2) p.add("quality.warmup_samples must be >= 2");
    if (q.flatLineSamples() < 2) p.add("quality.flat_line_samples must be >= 2");
    if (q.nanBurstWindow() < 1 || q.nanBurstWindow() > 64)
      p.add("quality.nan_burst_window must be in 1..64");
    if (q.nanBurstThreshold() < 1 || q.nanBurstThreshold() > q.nanBurstWindow()) {
      p.add("quality.nan_burst_threshold must be in 1..nan_burst_window");
    }
    if (q.channelChangeRecords() < 1) p.add("quality.channel_change_records must be >= 1");
  }

  private void checkRemoteInference(List<String> p) {
    var r = remoteInference;
    if (r == null || !r.enabled()) return;
    if (blank(r.url())) {
      p.add("remote_inference.url is required when remote_inference.enabled is true");
    } else {
      try {
        URI uri = new URI(r.url());
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          p.add("remote_inference.url must be http(s)://host[:port], not '" + r.url() + "'");
        }
      } catch (URISyntaxException e) {
        p.add("remote_inference.url is not a URL: " + e.getMessage());
      }
    }
    if (blank(r.modelName()) || !r.modelName().matches("[A-Za-z0-9_.-]+")) {
      p.add("remote_inference.model_name must be a model name (letters, digits, _ . -)");
    }
    if (r.timeoutMs() < 1) p.add("remote_inference.timeout_ms must be >= 1");
    if (r.retries() < 0 || r.retries() > 10) p.add("remote_inference.retries must be in 0..10");
    if (r.retryBackoffMs() < 0) p.add("remote_inference.retry_backoff_ms must be >= 0");
    var b = r.breaker();
    if (b.consecutiveFailures() < 1)
      p.add("remote_inference.breaker.consecutive_failures must be >= 1");
    if (!(b.failureRate() > 0 && b.failureRate() <= 1))
      p.add("remote_inference.breaker.failure_rate must be in (0, 1]");
    if (b.windowCalls() < 1) p.add("remote_inference.breaker.window_calls must be >= 1");
    if (b.coolDownMs() < 1) p.add("remote_inference.breaker.cool_down_ms must be >= 1");
    if (!Router.BUILT_INS.contains(r.fallbackModel())) {
      p.add(
          "remote_inference.fallback_model must be one of "
              + new TreeSet<>(Router.BUILT_INS)
              + ", not '"
              + r.fallbackModel()
              + "'");
    }
    p.addAll(RemoteInferenceChecks.problems(r));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
