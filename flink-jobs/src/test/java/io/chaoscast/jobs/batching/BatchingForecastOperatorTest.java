package io.chaoscast.jobs.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.drift.ServedRolloutFailure;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.lifecycle.ModelSetup;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingForecastOperatorTest {

  /** Persistence, remembering the size of every batch it was called with. */
  static final class CountingPersistence implements Forecaster {
    private static final long serialVersionUID = 1L;
    final List<Integer> batches = new ArrayList<>();
    private final PersistenceForecaster delegate = new PersistenceForecaster();

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public int minContextLength() {
      return 1;
    }

    @Override
    public double[][][] forecast(double[][][] contexts, int horizon) {
      batches.add(contexts.length);
      for (double[][] c : contexts) {
        if (c[0][0] == POISON) throw new IllegalStateException("cannot forecast this window");
      }
      return delegate.forecast(contexts, horizon);
    }
  }

  /** A context starting with this value makes the model throw, as a defect would. */
  static final double POISON = -666;

  private final CountingPersistence model = new CountingPersistence();
  private OneInputStreamOperatorTestHarness<ForecastRequest, Forecast> harness;

  private void open(int maxBatch, long maxDelayMs) throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new BatchingForecastOperator(model, 2, maxBatch, maxDelayMs));
    harness.setup();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void request(String stream, long ts, int channels) throws Exception {
    double[][] context = new double[3][channels];
    context[2][0] = ts;
    harness.processElement(
        new StreamRecord<>(new ForecastRequest(stream, ts, 10, null, context, 1, null), ts));
  }

  private void open(ModelSetup setup, JobConfig.Limits limits) throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new BatchingForecastOperator(setup, 2, 64, 0, limits));
    harness.setup();
    harness.open();
  }

  /** A request with its source record and its first value set, 3 samples of 3 channels. */
  private void requestStartingWith(String stream, long ts, double first) throws Exception {
    double[][] context = {{first, 1, 2}, {3, 4, 5}, {6, 7, ts}};
    var source = new SourceRecord("obs", 0, ts, ts, null, (stream + "@" + ts).getBytes(UTF8));
    harness.processElement(
        new StreamRecord<>(new ForecastRequest(stream, ts, 10, null, context, 1, source), ts));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private List<DeadLetter> deadLetters() {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.DEAD_LETTERS);
  }

  private List<Alert> alerts() {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.ALERTS);
  }

  private List<Forecast> emitted() {
    return harness.extractOutputValues();
  }

  @Test
  void shouldRunOneModelCallPerFullBundle() throws Exception {
    open(3, 1_000);
    request("a", 1, 2);
    request("b", 2, 2);
    assertThat(emitted()).isEmpty();
    request("c", 3, 2);

    assertThat(model.batches).containsExactly(3);
    assertThat(emitted()).extracting(Forecast::stream).containsExactly("a", "b", "c");
    assertThat(emitted().get(2).values()[1][0]).isEqualTo(3.0); // each stream gets its own result
  }

  @Test
  void shouldFlushAPartialBundleAtTheDeadline() throws Exception {
    open(64, 5);
    harness.setProcessingTime(100);
    request("a", 1, 2);
    request("b", 2, 2);
    harness.setProcessingTime(104);
    assertThat(emitted()).isEmpty();
    harness.setProcessingTime(105);

    assertThat(model.batches).containsExactly(2);
    assertThat(emitted()).hasSize(2);
  }

  @Test
  void shouldFlushBeforeACheckpointBarrierSoNothingBufferedCrossesIt() throws Exception {
    open(64, 1_000);
    request("a", 1, 2);
    harness.prepareSnapshotPreBarrier(1);

    assertThat(emitted()).extracting(Forecast::stream).containsExactly("a");
  }

  @Test
  void shouldEmitBufferedForecastsBeforePassingAWatermarkOn() throws Exception {
    open(64, 1_000);
    request("a", 10, 2);
    harness.processWatermark(new Watermark(20));

    var output = new ArrayList<>(harness.getOutput());
    assertThat(output).hasSize(2);
    assertThat(output.get(0)).isInstanceOf(StreamRecord.class);
    assertThat(output.get(1)).isEqualTo(new Watermark(20));
  }

  @Test
  void shouldBatchStreamsWithDifferentChannelCountsSeparately() throws Exception {
    open(4, 1_000);
    request("three-a", 1, 3);
    request("eight", 2, 8);
    request("three-b", 3, 3);
    request("eight-b", 4, 8);

    assertThat(model.batches).containsExactly(2, 2);
    assertThat(emitted())
        .extracting(f -> f.values()[0].length)
        .containsExactlyInAnyOrder(3, 3, 8, 8);
  }

  @Test
  void shouldForecastTheOtherStreamsOfABundleWhenOneFails() throws Exception {
    open(3, 1_000);
    requestStartingWith("a", 1, 0.5);
    requestStartingWith("poisoned", 2, POISON);
    requestStartingWith("c", 3, 0.5);

    assertThat(model.batches).containsExactly(3, 1, 1, 1); // the bundle, then one by one
    assertThat(emitted()).extracting(Forecast::stream).containsExactly("a", "c");
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reason()).isEqualTo(DeadLetterReason.INTERNAL_ERROR);
              assertThat(d.message())
                  .isEqualTo(
                      "internal_error: java.lang.IllegalStateException: cannot forecast this window");
              assertThat(new String(d.source().value(), UTF8)).isEqualTo("poisoned@2");
            });
  }

  @Test
  void shouldQuarantineAStreamWhoseRequestsKeepFailingAndReleaseItLater() throws Exception {
    var limits = JobConfig.Limits.defaults();
    open(ModelSetup.single(model), limits);
    harness.setProcessingTime(1_000);
    for (int i = 0; i < limits.quarantineAfterFailures(); i++) requestStartingWith("p", i, POISON);
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Alert.Kind.STREAM_QUARANTINED);
              assertThat(a.state()).isEqualTo(Alert.State.OPEN);
              assertThat(a.stream()).isEqualTo("p");
            });
    int calls = model.batches.size();
    requestStartingWith("p", 10, 0.5); // quarantined: the model is not asked
    requestStartingWith("q", 10, 0.5);
    assertThat(model.batches).hasSize(calls + 1);
    assertThat(emitted()).extracting(Forecast::stream).containsExactly("q");
    assertThat(deadLetters())
        .last()
        .extracting(DeadLetter::reason)
        .isEqualTo(DeadLetterReason.QUARANTINED);

    harness.setProcessingTime(1_000 + limits.quarantineMs());
    assertThat(alerts()).last().extracting(Alert::state).isEqualTo(Alert.State.RESOLVED);
    requestStartingWith("p", 20, 0.5);
    assertThat(emitted()).extracting(Forecast::stream).containsExactly("q", "p");
  }

  @Test
  void shouldServePersistenceToAStreamWithMoreChannelsThanTheModelLimit() throws Exception {
    open(64, 0);
    request("wide", 1, JobConfig.Limits.defaults().maxModelChannels() + 1);
    request("narrow", 2, 3);

    assertThat(model.batches).containsExactly(1); // only the narrow stream reached the model
    assertThat(emitted()).extracting(Forecast::stream).containsExactlyInAnyOrder("wide", "narrow");
    assertThat(emitted())
        .filteredOn(f -> f.stream().equals("wide"))
        .singleElement()
        .satisfies(f -> assertThat(f.values()[0]).hasSize(9));
  }

  @Test
  void shouldNeverFailOnAStreamTooWideForNvar() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new BatchingForecastOperator(new NvarForecaster(2, 1, 1e-6), 2, 64, 0));
    harness.setup();
    harness.open();
    request("very-wide", 1, 4096); // NVAR would need a matrix larger than Java can index

    assertThat(emitted()).singleElement().satisfies(f -> assertThat(f.values()[0]).hasSize(4096));
  }

  @Test
  void shouldNotPublishAForecastWithNonFiniteValues() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new BatchingForecastOperator(new NvarForecaster(2, 1, 1e-6), 2, 64, 0));
    harness.setup();
    harness.open();
    double[][] extreme = new double[60][3];
    for (int t = 0; t < extreme.length; t++)
      for (int c = 0; c < 3; c++) extreme[t][c] = (t + c) % 2 == 0 ? 1e307 : -1e307;
    harness.processElement(
        new StreamRecord<>(new ForecastRequest("extreme", 1, 10, null, extreme, 1, null), 1));

    assertThat(emitted()).isEmpty();
    assertThat(deadLetters()).isEmpty(); // not a failure of the stream: the model diverged
    assertThat(harness.getSideOutput(SideOutputs.SERVED_ROLLOUT_FAILURES))
        .extracting(StreamRecord::getValue)
        .containsExactly(new ServedRolloutFailure("extreme", 1));
  }
}
