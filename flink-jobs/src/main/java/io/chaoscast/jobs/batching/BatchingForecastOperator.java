package io.chaoscast.jobs.batching;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.drift.ServedRolloutFailure;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.isolation.Failures;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.isolation.QuarantineState;
import io.chaoscast.jobs.lifecycle.LiveModel;
import io.chaoscast.jobs.lifecycle.ModelAnnouncement;
import io.chaoscast.jobs.lifecycle.ModelLoader;
import io.chaoscast.jobs.lifecycle.ModelRegistry;
import io.chaoscast.jobs.lifecycle.ModelSetup;
import io.chaoscast.jobs.metrics.AlertCounters;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.remote.RemoteForecaster;
import io.chaoscast.jobs.remote.RemoteForecasters;
import io.chaoscast.jobs.routing.Router;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundles forecast requests from many streams and runs one model call per (model, channel count)
 * group of a bundle, so that a model that batches well (a neural network on a GPU, say) is used
 * well. A bundle is flushed when it holds {@code maxBatch} requests, when the oldest has waited
 * {@code maxDelayMs} of processing time, before every checkpoint barrier (nothing buffered crosses
 * a checkpoint, so exactly-once holds without keeping requests in state), before a watermark is
 * passed on, and at the end of input.
 *
 * <p>Each request goes to the model its stream is routed to ({@link Router}); a stream whose
 * channel count the routed model does not take falls back to the default baseline. A route's
 * challenger forecasts the same requests; its forecasts leave on {@link
 * SideOutputs#CHALLENGER_FORECASTS} for scoring only.
 *
 * <p>Used with one input when the job has no models topic, and with the announcements of that
 * topic, broadcast, as the second input otherwise. An announcement is applied between bundles:
 * pending requests are flushed with the old version first, so every bundle, and every forecast,
 * comes from exactly one version. Announcements are kept in broadcast state, so a restored job
 * serves the versions that were current at its checkpoint. Only the requests' watermarks are passed
 * on; the control input's would hold event time back.
 *
 * <p>A stream with more than {@code limits.max_model_channels} channels is forecast by persistence,
 * whatever it is routed to: NVAR's cost grows steeply with the channel count
 * (docs/bench/nvar-channel-scaling.txt).
 *
 * <p>Failure isolation: a model call that throws is retried request by request, so one stream
 * cannot fail the others of its bundle; a request that fails on its own sends the observation that
 * completed its window to the dead-letter topic ({@code internal_error}), and a stream whose
 * requests fail {@code limits.quarantine_after_failures} times in a row is quarantined for {@code
 * limits.quarantine_ms} (its requests are dead-lettered as {@code quarantined}, a
 * STREAM_QUARANTINED alert opens and resolves at release). A forecast with a non-finite value is
 * not published (counted in {@code non_finite_forecasts}); the champion's goes to the side output
 * {@link SideOutputs#SERVED_ROLLOUT_FAILURES}, which the stream's drift monitor counts as a failed
 * rollout. Only computation is guarded: emitting, which may run chained operators and sinks, is
 * not, so the job's own faults still fail the task.
 *
 * <p>The pattern of Flink's own mini-batch bundle operators; it holds no keyed state, because the
 * per-stream state stays in {@link io.chaoscast.jobs.forecast.ForecastFunction}. The failure counts
 * and quarantines of this stage are per subtask and in memory, one entry per stream that is failing
 * (removed on its next success or release): a restored job starts them afresh.
 */
public final class BatchingForecastOperator extends AbstractStreamOperator<Forecast>
    implements OneInputStreamOperator<ForecastRequest, Forecast>,
        TwoInputStreamOperator<ForecastRequest, ModelAnnouncement, Forecast>,
        ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(BatchingForecastOperator.class);

  /** What serves a stream with more than {@code limits.max_model_channels} channels. */
  public static final String CHANNEL_LIMIT_MODEL = "persistence";

  /** Announced versions by model name; the same in every subtask. */
  public static final MapStateDescriptor<String, ModelAnnouncement> ANNOUNCED =
      new MapStateDescriptor<>(
          "announced-models", Types.STRING, TypeInformation.of(ModelAnnouncement.class));

  private final ModelSetup setup;
  private final int horizon;
  private final int maxBatch;
  private final long maxDelayMs;
  private final int maxModelChannels;
  private final Quarantine quarantine;

  private transient List<StreamRecord<ForecastRequest>> pending;
  private transient boolean timerArmed;
  private transient BroadcastState<String, ModelAnnouncement> announced;
  private transient ModelRegistry registry;
  private transient Router router;
  private transient Histogram batchSize;
  private transient Histogram inferenceLatencyMs;
  private transient Histogram forecastLatencyMs;
  private transient Histogram computeMicrosPerForecast;
  private transient Counter forecastsOut;
  private transient Counter challengerForecastsOut;
  private transient Counter routeFallbacks;
  private transient Counter challengerSkipped;
  private transient Counter modelSwaps;
  private transient Counter modelLoadFailures;
  private transient Counter channelLimitFallbacks;
  private transient Counter nonFiniteForecasts;
  private transient Counter internalErrors;
  private transient Counter challengerFailures;
  private transient AlertCounters quarantineAlerts;
  private transient DeadLetterCounters deadLetters;

  /** Streams whose requests failed since their last success, by id (see the class comment). */
  private transient Map<String, QuarantineState> failing;

  private transient MetricGroup metrics;
  private transient Set<String> versionGauges;

  /** Model name to the id served, for the version gauges (read by the metric reporter thread). */
  private transient Map<String, String> serving;

  /** One model for every stream. */
  public BatchingForecastOperator(
      Forecaster forecaster, int horizon, int maxBatch, long maxDelayMs) {
    this(ModelSetup.single(forecaster), horizon, maxBatch, maxDelayMs);
  }

  /** With the default limits. */
  public BatchingForecastOperator(ModelSetup setup, int horizon, int maxBatch, long maxDelayMs) {
    this(setup, horizon, maxBatch, maxDelayMs, JobConfig.Limits.defaults());
  }

  public BatchingForecastOperator(
      ModelSetup setup, int horizon, int maxBatch, long maxDelayMs, JobConfig.Limits limits) {
    if (maxBatch < 1 || maxDelayMs < 0)
      throw new IllegalArgumentException("need maxBatch >= 1, maxDelayMs >= 0");
    this.setup = setup;
    this.horizon = horizon;
    this.maxBatch = maxBatch;
    this.maxDelayMs = maxDelayMs;
    this.maxModelChannels = limits.maxModelChannels();
    this.quarantine = Quarantine.of(limits, "batch-inference");
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    announced = context.getOperatorStateStore().getBroadcastState(ANNOUNCED);
  }

  @Override
  public void open() throws Exception {
    super.open();
    pending = new ArrayList<>(maxBatch);
    router = new Router(setup.routing(), setup.defaultModel());
    registry = ModelRegistry.load(setup);
    if (!registry.contains(CHANNEL_LIMIT_MODEL)) {
      registry.put(LiveModel.baseline(CHANNEL_LIMIT_MODEL, new PersistenceForecaster()));
    }
    failing = new HashMap<>();
    var remote = setup.remote();
    if (remote != null && remote.enabled()) {
      // The HTTP client is not serialisable: it is built here, in the running task.
      RemoteForecaster client =
          RemoteForecasters.open(
              remote,
              registry.get(remote.fallbackModel()).forecaster(),
              getMetricGroup(),
              getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
              alert -> output.collect(SideOutputs.ALERTS, new StreamRecord<>(alert)));
      registry.put(LiveModel.remote(ModelSetup.REMOTE, client));
    }
    var group = JobMetricGroups.of(getMetricGroup());
    metrics = group;
    versionGauges = new HashSet<>();
    serving = new ConcurrentHashMap<>();
    batchSize = group.histogram("forecast_batch_size", new DescriptiveStatisticsHistogram(10_000));
    inferenceLatencyMs =
        group.histogram("inference_latency_ms", new DescriptiveStatisticsHistogram(10_000));
    forecastLatencyMs =
        group.histogram("forecast_latency_ms", new DescriptiveStatisticsHistogram(10_000));
    forecastsOut = group.counter("forecasts_out");
    challengerForecastsOut = group.counter("challenger_forecasts_out");
    routeFallbacks = group.counter("route_fallbacks");
    challengerSkipped = group.counter("challenger_skipped");
    modelSwaps = group.counter("model_swaps");
    modelLoadFailures = group.counter("model_load_failures");
    channelLimitFallbacks = group.counter("model_channel_limit_fallbacks");
    nonFiniteForecasts = group.counter("non_finite_forecasts");
    internalErrors = group.counter("internal_errors");
    challengerFailures = group.counter("challenger_failures");
    quarantineAlerts = new AlertCounters(getMetricGroup(), List.of(Alert.Kind.STREAM_QUARANTINED));
    deadLetters = new DeadLetterCounters(getMetricGroup());
    computeMicrosPerForecast =
        group.histogram("forecast_compute_us", new DescriptiveStatisticsHistogram(10_000));
    for (var a : announced.immutableEntries()) swapIn(a.getValue()); // restored versions
    for (String name : registry.names()) exportVersion(registry.get(name));
  }

  @Override
  public void processElement(StreamRecord<ForecastRequest> element) throws Exception {
    pending.add(element.copy(element.getValue()));
    if (pending.size() >= maxBatch || maxDelayMs == 0) {
      flush();
    } else if (!timerArmed) {
      timerArmed = true;
      var time = getProcessingTimeService();
      time.registerTimer(time.getCurrentProcessingTime() + maxDelayMs, this);
    }
  }

  @Override
  public void processElement1(StreamRecord<ForecastRequest> element) throws Exception {
    processElement(element);
  }

  /** A new version: everything requested so far is forecast by the old one first. */
  @Override
  public void processElement2(StreamRecord<ModelAnnouncement> element) throws Exception {
    flush();
    ModelAnnouncement a = element.getValue();
    if (swapIn(a)) announced.put(a.name(), a);
  }

  private boolean swapIn(ModelAnnouncement a) {
    var entry = setup.entry(a.name());
    if (entry.isEmpty()) return false; // no longer configured (restored from an older job)
    try {
      // Confined again here: broadcast state restored from a checkpoint was not checked by this
      // job.
      String path = setup.modelRoot().announced(a.path()).toString();
      LiveModel model = ModelLoader.load(entry.get(), path, a.version(), setup.contextLength());
      registry.put(model);
      modelSwaps.inc();
      exportVersion(model);
      LOG.info("now serving {} from {}", model.modelId(), a.path());
      return true;
    } catch (IllegalArgumentException e) {
      // Checked when announced, so the artifact changed since: keep serving the current version.
      modelLoadFailures.inc();
      LOG.warn("cannot load {} version {}; keeping the current one", a.name(), a.version(), e);
      return false;
    }
  }

  /**
   * {@code model_version_info{model,version}}: 1 while this subtask serves that version, 0 after it
   * was replaced (Flink cannot unregister one gauge); versions are few per job run.
   */
  private void exportVersion(LiveModel model) {
    serving.put(model.name(), model.modelId());
    if (!versionGauges.add(model.modelId())) return;
    String name = model.name();
    String id = model.modelId();
    metrics
        .addGroup("model", name)
        .addGroup("version", model.version())
        .gauge("info", () -> id.equals(serving.get(name)) ? 1 : 0);
  }

  @Override
  public void onProcessingTime(long time) throws Exception {
    timerArmed = false;
    flush();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush(); // buffered forecasts are older than the watermark: they go first
    super.processWatermark(mark);
  }

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    processWatermark(mark);
  }

  @Override
  public void processWatermark2(Watermark mark) {
    // event time is the requests' alone
  }

  @Override
  protected void processWatermarkStatus(WatermarkStatus status, int inputId) throws Exception {
    if (inputId == 0) super.processWatermarkStatus(status);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    if (registry != null) registry.close();
    super.close();
  }

  /** A model call's worth of requests: one model, one channel count, one role. */
  private record Group(String model, int channels, boolean challenger) {}

  private void flush() throws Exception {
    if (pending.isEmpty()) return;
    Map<Group, List<StreamRecord<ForecastRequest>>> groups = new LinkedHashMap<>();
    long now = getProcessingTimeService().getCurrentProcessingTime();
    for (var r : pending) {
      String stream = r.getValue().stream();
      QuarantineState q = failing.get(stream);
      if (q != null && q.quarantined()) {
        deadLetter(
            r.getValue(), DeadLetterReason.QUARANTINED, quarantine.deadLetterMessage(stream, q));
        continue;
      }
      int channels = r.getValue().channelCount();
      Router.Route route =
          r.getValue().route() != null ? r.getValue().route() : router.route(stream);
      String model = route.model();
      if (channels > maxModelChannels && !model.equals(CHANNEL_LIMIT_MODEL)) {
        channelLimitFallbacks.inc();
        model = CHANNEL_LIMIT_MODEL;
      } else if (!registry.get(model).accepts(channels)) {
        routeFallbacks.inc();
        model = router.defaultModel();
      }
      groups.computeIfAbsent(new Group(model, channels, false), g -> new ArrayList<>()).add(r);
      if (route.challenger() == null) continue;
      if (channels <= maxModelChannels && registry.get(route.challenger()).accepts(channels)) {
        groups
            .computeIfAbsent(new Group(route.challenger(), channels, true), g -> new ArrayList<>())
            .add(r);
      } else {
        challengerSkipped.inc();
      }
    }
    pending.clear();
    for (var e : groups.entrySet())
      run(registry.get(e.getKey().model()), e.getKey(), e.getValue(), now);
  }

  /**
   * One model call for {@code batch}; when it throws, one call per request, so that only the
   * requests that fail on their own are lost.
   */
  private void run(
      LiveModel model, Group group, List<StreamRecord<ForecastRequest>> batch, long now)
      throws Exception {
    double[][][] forecasts;
    try {
      forecasts = forecast(model, batch);
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      if (batch.size() > 1) {
        for (var r : batch) run(model, group, List.of(r), now);
      } else if (group.challenger()) {
        challengerFailures.inc(); // the champion served the stream; only the comparison is lost
        LOG.debug("challenger {} failed on {}", model.name(), batch.get(0).getValue().stream(), t);
      } else {
        failed(batch.get(0).getValue(), t, now);
      }
      return;
    }
    long wallNow = System.currentTimeMillis();
    for (int i = 0; i < forecasts.length; i++) {
      StreamRecord<ForecastRequest> record = batch.get(i);
      ForecastRequest r = record.getValue();
      if (!group.challenger()) succeeded(r.stream());
      if (!allFinite(forecasts[i])) {
        // The model diverged on this window (values near the double range, say): a forecast that
        // strict JSON cannot carry and no consumer can use is not published; the stream's drift
        // monitor counts it as a failed rollout.
        nonFiniteForecasts.inc();
        if (!group.challenger()) {
          output.collect(
              SideOutputs.SERVED_ROLLOUT_FAILURES,
              new StreamRecord<>(
                  new ServedRolloutFailure(r.stream(), r.issuedAtMillis()), record.getTimestamp()));
        }
        continue;
      }
      Forecast forecast =
          new Forecast(
              r.stream(),
              r.issuedAtMillis(),
              model.forecastId(),
              r.sampleIntervalMillis(),
              horizon,
              r.channels(),
              forecasts[i],
              r.observationKafkaTimestampMillis(),
              model.name());
      if (group.challenger()) {
        output.collect(SideOutputs.CHALLENGER_FORECASTS, like(record, forecast));
        challengerForecastsOut.inc();
        continue;
      }
      output.collect(like(record, forecast));
      forecastsOut.inc();
      if (r.observationKafkaTimestampMillis() > 0) {
        forecastLatencyMs.update(Math.max(0, wallNow - r.observationKafkaTimestampMillis()));
      }
    }
  }

  /** The model's forecasts for {@code batch}, checked for shape: [batch][horizon][channels]. */
  private double[][][] forecast(LiveModel model, List<StreamRecord<ForecastRequest>> batch) {
    double[][][] contexts = new double[batch.size()][][];
    for (int i = 0; i < contexts.length; i++) contexts[i] = batch.get(i).getValue().context();
    long start = System.nanoTime();
    double[][][] forecasts = model.forecaster().forecast(contexts, horizon);
    long elapsedNanos = System.nanoTime() - start;
    inferenceLatencyMs.update(elapsedNanos / 1_000_000);
    computeMicrosPerForecast.update(elapsedNanos / 1_000 / batch.size());
    batchSize.update(batch.size());
    if (forecasts == null || forecasts.length != batch.size())
      throw new IllegalStateException(model.name() + " did not return one forecast per request");
    for (int i = 0; i < forecasts.length; i++) {
      int channels = contexts[i][0].length;
      if (forecasts[i] == null || forecasts[i].length != horizon)
        throw new IllegalStateException(model.name() + " returned a forecast of the wrong length");
      for (double[] row : forecasts[i])
        if (row == null || row.length != channels)
          throw new IllegalStateException(model.name() + " returned the wrong channel count");
    }
    return forecasts;
  }

  private static boolean allFinite(double[][] values) {
    for (double[] row : values) for (double v : row) if (!Double.isFinite(v)) return false;
    return true;
  }

  private void succeeded(String stream) {
    if (!failing.isEmpty()) failing.remove(stream); // only failing streams have an entry
  }

  /** A request failed on its own: dead letter, failure count, quarantine after too many. */
  private void failed(ForecastRequest r, Throwable t, long now) {
    internalErrors.inc();
    LOG.warn("forecasting stream {} failed", r.stream(), t);
    deadLetter(r, DeadLetterReason.INTERNAL_ERROR, Failures.describe(t));
    QuarantineState s = failing.computeIfAbsent(r.stream(), k -> new QuarantineState());
    Alert alert = quarantine.onFailure(s, r.stream(), now, t.getClass().getSimpleName());
    if (alert == null) return;
    quarantineAlerts.count(alert);
    output.collect(SideOutputs.ALERTS, new StreamRecord<>(alert));
    String stream = r.stream();
    long releaseAt = s.releaseAt;
    getProcessingTimeService().registerTimer(releaseAt, time -> release(stream, releaseAt));
  }

  private void release(String stream, long releaseAt) {
    QuarantineState s = failing.get(stream);
    if (s == null || s.releaseAt != releaseAt) return;
    failing.remove(stream);
    Alert released = quarantine.released(stream, releaseAt);
    quarantineAlerts.count(released);
    output.collect(SideOutputs.ALERTS, new StreamRecord<>(released));
  }

  /** Sends the observation that completed the request's window (tests may have none: counted). */
  private void deadLetter(ForecastRequest r, DeadLetterReason reason, String message) {
    DeadLetter letter = new DeadLetter(reason, message, r.stream(), r.source());
    if (r.source() == null) {
      deadLetters.count(letter);
      return;
    }
    deadLetters.send(letter, (tag, l) -> output.collect(tag, new StreamRecord<>(l)));
  }

  /** A new record with the request's timestamp (a request may feed a champion and a challenger). */
  private static StreamRecord<Forecast> like(StreamRecord<ForecastRequest> r, Forecast f) {
    return r.hasTimestamp() ? new StreamRecord<>(f, r.getTimestamp()) : new StreamRecord<>(f);
  }
}
