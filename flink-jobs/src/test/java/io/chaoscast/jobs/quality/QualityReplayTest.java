package io.chaoscast.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig.QualitySettings;
import org.junit.jupiter.api.Test;

/** The job's data-quality rules over a recorded stream, against hand-computed events. */
class QualityReplayTest {

  /** gap factor 10, warm-up 10, flat line 50, NaN burst 5 of the last 50, channel change 3. */
  private static final QualitySettings SETTINGS = new QualitySettings(10.0, 10, 50, 50, 5, 3);

  /** Samples every second from 0 s, two moving channels. */
  private static double[][] moving(int n) {
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) v[i] = new double[] {Math.sin(i), Math.cos(0.7 * i)};
    return v;
  }

  private static long[] everySecond(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) t[i] = 1000L * i;
    return t;
  }

  private static String describe(Alert a) {
    return a.kind() + " " + a.state() + " " + a.timeMillis();
  }

  @Test
  void aStuckChannelOpensAFlatLineOnItsFiftiethEqualSampleAndResolvesWhenItMoves() {
    double[][] v = moving(200);
    for (int i = 100; i < 160; i++) v[i][1] = 0.25;
    QualityReplay.Result r = QualityReplay.run(SETTINGS, "s", everySecond(200), v);
    assertThat(r.alerts())
        .extracting(QualityReplayTest::describe)
        .containsExactly("FLAT_LINE OPEN 149000", "FLAT_LINE RESOLVED 160000");
    assertThat(r.rejected()).isZero();
  }

  @Test
  void nonFiniteRecordsAreRejectedAndFiveOfThemOpenANaNBurstUntilFiftyCleanRecords() {
    double[][] v = moving(120);
    for (int i = 20; i < 25; i++) v[i][0] = Double.NaN;
    QualityReplay.Result r = QualityReplay.run(SETTINGS, "s", everySecond(120), v);
    assertThat(r.alerts())
        .extracting(QualityReplayTest::describe)
        .containsExactly("NAN_BURST OPEN 24000", "NAN_BURST RESOLVED 74000");
    assertThat(r.rejected()).isEqualTo(5);
    for (int i = 0; i < 120; i++)
      assertThat(r.accepted()[i]).as("record %d", i).isEqualTo(i < 20 || i >= 25);
  }

  @Test
  void aRecordLateByMoreThanTenIntervalsOpensAGapAtTheDeadlineThatItResolves() {
    long[] t = everySecond(61);
    t[60] = 100_000; // 41 s after the record at 59 s
    QualityReplay.Result r = QualityReplay.run(SETTINGS, "s", t, moving(61));
    assertThat(r.alerts())
        .extracting(QualityReplayTest::describe)
        .containsExactly("GAP OPEN 69000", "GAP RESOLVED 100000");
    Alert open = r.alerts().get(0);
    assertThat(open.score()).as("silence in intervals").isEqualTo(10.0);
    assertThat(r.rejected()).isZero();
  }

  @Test
  void aHealthyStreamRaisesNothing() {
    QualityReplay.Result r = QualityReplay.run(SETTINGS, "s", everySecond(500), moving(500));
    assertThat(r.alerts()).isEmpty();
    assertThat(r.rejected()).isZero();
  }
}
