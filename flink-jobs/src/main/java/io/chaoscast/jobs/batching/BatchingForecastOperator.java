package io.chaoscast.jobs.batching;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.remote.RemoteForecaster;
import io.chaoscast.jobs.remote.RemoteForecasters;
import io.chaoscast.models.forecast.Forecaster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Bundles forecast requests from many streams and runs one model call per bundle, so that a model
 * that batches well (a neural network on a GPU, say) is used well. A bundle is flushed when it
 * holds {@code maxBatch} requests, when the oldest has waited {@code maxDelayMs} of processing
 * time, before every checkpoint barrier (nothing buffered crosses a checkpoint, so exactly-once
 * holds without state), before a watermark is passed on, and at the end of input. Requests with
 * different channel counts go to the model as separate batches. With remote inference configured,
 * each batch is one call to the inference server, and the given forecaster is the fallback ({@link
 * RemoteForecaster}); fallback alerts go to {@link SideOutputs#ALERTS}.
 *
 * <p>The pattern of Flink's own mini-batch bundle operators; it holds no keyed state, because the
 * per-stream state stays in {@link io.chaoscast.jobs.forecast.ForecastFunction}.
 */
public final class BatchingForecastOperator extends AbstractStreamOperator<Forecast>
    implements OneInputStreamOperator<ForecastRequest, Forecast>, ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;

  private final Forecaster forecaster;
  private final RemoteInference remote;
  private final int horizon;
  private final int maxBatch;
  private final long maxDelayMs;

  private transient Forecaster model;
  private transient List<StreamRecord<ForecastRequest>> pending;
  private transient boolean timerArmed;
  private transient Histogram batchSize;
  private transient Histogram inferenceLatencyMs;
  private transient Histogram forecastLatencyMs;
  private transient Histogram computeMicrosPerForecast;
  private transient Counter forecastsOut;

  public BatchingForecastOperator(
      Forecaster forecaster, int horizon, int maxBatch, long maxDelayMs) {
    this(forecaster, null, horizon, maxBatch, maxDelayMs);
  }

  /**
   * @param forecaster the in-process model; the fallback when {@code remote} is enabled
   * @param remote a remote inference server to ask first, or null
   */
  public BatchingForecastOperator(
      Forecaster forecaster, RemoteInference remote, int horizon, int maxBatch, long maxDelayMs) {
    if (maxBatch < 1 || maxDelayMs < 0)
      throw new IllegalArgumentException("need maxBatch >= 1, maxDelayMs >= 0");
    this.forecaster = forecaster;
    this.remote = remote;
    this.horizon = horizon;
    this.maxBatch = maxBatch;
    this.maxDelayMs = maxDelayMs;
  }

  @Override
  public void open() throws Exception {
    super.open();
    pending = new ArrayList<>(maxBatch);
    // The HTTP client is not serialisable: it is built here, in the running task.
    model =
        remote == null || !remote.enabled()
            ? forecaster
            : RemoteForecasters.open(
                remote,
                forecaster,
                getMetricGroup(),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                alert -> output.collect(SideOutputs.ALERTS, new StreamRecord<>(alert)));
    var group = JobMetricGroups.of(getMetricGroup());
    batchSize = group.histogram("forecast_batch_size", new DescriptiveStatisticsHistogram(10_000));
    inferenceLatencyMs =
        group.histogram("inference_latency_ms", new DescriptiveStatisticsHistogram(10_000));
    forecastLatencyMs =
        group.histogram("forecast_latency_ms", new DescriptiveStatisticsHistogram(10_000));
    forecastsOut = group.counter("forecasts_out");
    computeMicrosPerForecast =
        group.histogram("forecast_compute_us", new DescriptiveStatisticsHistogram(10_000));
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
    if (model instanceof RemoteForecaster r) r.close();
    super.close();
  }

  private void flush() {
    if (pending.isEmpty()) return;
    Map<Integer, List<StreamRecord<ForecastRequest>>> byChannels = new LinkedHashMap<>();
    for (var r : pending)
      byChannels.computeIfAbsent(r.getValue().channelCount(), c -> new ArrayList<>()).add(r);
    for (var batch : byChannels.values()) run(batch);
    pending.clear();
  }

  private void run(List<StreamRecord<ForecastRequest>> batch) {
    double[][][] contexts = new double[batch.size()][][];
    for (int i = 0; i < contexts.length; i++) contexts[i] = batch.get(i).getValue().context();
    long start = System.nanoTime();
    double[][][] forecasts = model.forecast(contexts, horizon);
    long elapsedNanos = System.nanoTime() - start;
    inferenceLatencyMs.update(elapsedNanos / 1_000_000);
    computeMicrosPerForecast.update(elapsedNanos / 1_000 / batch.size());
    batchSize.update(batch.size());
    long now = System.currentTimeMillis();
    for (int i = 0; i < forecasts.length; i++) {
      StreamRecord<ForecastRequest> record = batch.get(i);
      ForecastRequest r = record.getValue();
      output.collect(
          record.replace(
              new Forecast(
                  r.stream(),
                  r.issuedAtMillis(),
                  model.id(),
                  r.sampleIntervalMillis(),
                  horizon,
                  r.channels(),
                  forecasts[i],
                  r.observationKafkaTimestampMillis())));
      forecastsOut.inc();
      if (r.observationKafkaTimestampMillis() > 0) {
        forecastLatencyMs.update(Math.max(0, now - r.observationKafkaTimestampMillis()));
      }
    }
  }
}
