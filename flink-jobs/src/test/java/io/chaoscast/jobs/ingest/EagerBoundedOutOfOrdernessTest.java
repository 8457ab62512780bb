package io.chaoscast.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EagerBoundedOutOfOrdernessTest {

  /** Collects emitted watermarks. */
  private static final class Output implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    long last() {
      return watermarks.isEmpty() ? Long.MIN_VALUE : watermarks.get(watermarks.size() - 1);
    }
  }

  private static EagerBoundedOutOfOrderness<String> generator() {
    return new EagerBoundedOutOfOrderness<>(100, 10_000);
  }

  @Test
  void shouldNotLetOneRecordFarAheadMoveThePartitionsWatermark() {
    var gen = generator();
    var out = new Output();
    for (long t = 1_000; t <= 2_000; t += 10) gen.onEvent("ok", t, out);
    assertThat(out.last()).isEqualTo(2_000 - 100 - 1);

    gen.onEvent("poison", 2_000 + 3_000_000, out); // 50 min ahead

    assertThat(out.last()).isEqualTo(2_000 - 100 - 1);
    gen.onEvent("ok", 2_010, out); // the other streams go on, not late
    assertThat(out.last()).isEqualTo(2_010 - 100 - 1);
  }

  @Test
  void shouldFollowAJumpThatTheNextRecordConfirms() {
    var gen = generator();
    var out = new Output();
    gen.onEvent("a", 1_000, out);
    gen.onEvent("a", 1_010, out);

    gen.onEvent("a", 1_000_000, out); // a partition that resumes after a long silence
    gen.onEvent("a", 1_000_010, out);

    assertThat(out.last()).isEqualTo(1_000_000 - 100 - 1);
  }

  @Test
  void shouldNotOverflowNearTheEndsOfTheTimeLine() {
    var gen = new EagerBoundedOutOfOrderness<String>(100, 0);
    var out = new Output();
    gen.onEvent("a", Long.MIN_VALUE + 1, out);
    gen.onEvent("a", Long.MIN_VALUE + 2, out);
    assertThat(out.watermarks).allMatch(w -> w < 0);

    var guarded = generator();
    guarded.onEvent("a", Long.MAX_VALUE - 1, out);
    guarded.onEvent("a", Long.MAX_VALUE, out);
    assertThat(out.last()).isEqualTo(Long.MAX_VALUE - 1 - 100 - 1);
  }

  @Test
  void shouldWaitForASecondRecordBeforeTheFirstWatermark() {
    var gen = generator();
    var out = new Output();
    gen.onEvent("poison", 5_000_000, out); // the first record after a start proves nothing
    assertThat(out.watermarks).isEmpty();

    gen.onEvent("a", 1_000, out);

    assertThat(out.watermarks).containsExactly(1_000L - 100 - 1);
  }
}
