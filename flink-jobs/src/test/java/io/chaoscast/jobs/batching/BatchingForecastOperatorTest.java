package io.chaoscast.jobs.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
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
      return delegate.forecast(contexts, horizon);
    }
  }

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
}
