package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamMonitorStateTest {

  private static final MonitorConfig CONFIG = MonitorConfig.defaults();

  private static final ScenarioSeries STUCK =
      new Scenario(SystemFamily.LORENZ, ChangeKind.STUCK_SENSOR, 0.02, 15_000, 14_000, 4)
          .generate();

  /** A way to copy a monitor (a checkpoint round trip, or the in-memory copy). */
  @FunctionalInterface
  private interface MonitorCopier {
    StreamMonitor copy(StreamMonitor m) throws IOException;
  }

  /** A copy of a monitor taken mid-stream, and the events both gave from then on. */
  private static final class Copy {
    final String phase;
    final StreamMonitor monitor;
    final List<AlertEvent> events = new ArrayList<>();
    final List<AlertEvent> originalEvents = new ArrayList<>();

    Copy(String phase, StreamMonitor monitor) {
      this.phase = phase;
      this.monitor = monitor;
    }
  }

  @Test
  void aMonitorRestoredInAnyPhaseContinuesExactlyLikeTheOriginal() throws Exception {
    continuesExactlyLikeTheOriginal(StreamMonitorStateTest::roundTrip);
  }

  @Test
  void anInMemoryCopyInAnyPhaseContinuesExactlyLikeTheOriginalAndSharesItsFittedParts()
      throws Exception {
    // Fed the same samples, a copy that shared a buffer with the original would see each twice.
    continuesExactlyLikeTheOriginal(
        m -> {
          StreamMonitor copy = StreamMonitorState.copy(m);
          assertThat(copy.reference).isSameAs(m.reference);
          assertThat(copy.dynamics).isSameAs(m.dynamics);
          assertThat(copy.fitted).isSameAs(m.fitted);
          return copy;
        });
  }

  /**
   * The copy shares the forecast check's NVAR instance, not the field: when the original refits (a
   * new NVAR) or drops its NVAR at a gap, the copy keeps the one it had, unchanged, and the rest of
   * its state stays as it was.
   */
  @Test
  void anInMemoryCopyKeepsItsNvarAndStateWhileTheOriginalRefitsAndRestarts() throws Exception {
    StreamMonitor original = new StreamMonitor("s", 3, CONFIG, 9);
    int t = 0;
    while (!original.monitoring() || original.fitted == null) {
      original.update(STUCK.times()[t], STUCK.values()[t]);
      t++;
    }
    StreamMonitor copy = StreamMonitorState.copy(original);
    NvarModelForecaster shared = original.fitted;
    double[][] weights = deepCopy(shared.fitted().w());
    byte[] atCopy = bytes(copy);

    for (int n = 0; original.fitted == shared; n++, t++) {
      assertThat(n)
          .as("samples without a refit")
          .isLessThan(2 * StreamMonitor.REFIT_BLOCKS * CONFIG.hop());
      original.update(STUCK.times()[t], STUCK.values()[t]);
    }
    assertThat(original.fitted).isNotNull();
    assertThat(copy.fitted).isSameAs(shared);
    assertThat(shared.fitted().w()).isDeepEqualTo(weights);

    original.update(STUCK.times()[t] + 3_600, STUCK.values()[t]); // a gap
    assertThat(original.fitted).isNull();
    assertThat(copy.fitted).isSameAs(shared);
    assertThat(Arrays.equals(bytes(copy), atCopy)).as("the copy's state is unchanged").isTrue();
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) out[i] = m[i].clone();
    return out;
  }

  /** Takes copies in each phase; each must continue exactly like the original. */
  private static void continuesExactlyLikeTheOriginal(MonitorCopier copier) throws Exception {
    StreamMonitor original = new StreamMonitor("s", 3, CONFIG, 9);
    Map<Integer, String> cuts = new LinkedHashMap<>();
    cuts.put(45, "reference");
    cuts.put(CONFIG.referenceSamples() + 3_001, "calibration");
    cuts.put(13_501, "monitoring");
    List<Copy> copies = new ArrayList<>();
    List<AlertEvent> all = new ArrayList<>();
    boolean openCopied = false;
    for (int t = 0; t < STUCK.times().length; t++) {
      if (cuts.containsKey(t)) copies.add(new Copy(cuts.get(t), copier.copy(original)));
      if (!openCopied && isAnyOpen(original)) {
        copies.add(new Copy("open alert", copier.copy(original)));
        openCopied = true;
      }
      List<AlertEvent> e = original.update(STUCK.times()[t], STUCK.values()[t]);
      all.addAll(e);
      for (Copy c : copies) {
        c.originalEvents.addAll(e);
        c.events.addAll(c.monitor.update(STUCK.times()[t], STUCK.values()[t]));
      }
    }
    assertThat(all).isNotEmpty();
    assertThat(copies)
        .extracting(c -> c.phase)
        .containsExactly("reference", "calibration", "monitoring", "open alert");
    for (Copy c : copies) {
      assertThat(c.events).as(c.phase).isEqualTo(c.originalEvents);
      assertThat(signals(c.monitor.lastSignals()))
          .as(c.phase)
          .isEqualTo(signals(original.lastSignals()));
      // and the whole state, detectors and KSWIN's generator included, ends up the same
      assertThat(Arrays.equals(bytes(c.monitor), bytes(original))).as(c.phase).isTrue();
    }
    assertThat(copies.get(2).events).as("the monitoring copy raised the alerts").isNotEmpty();
  }

  @Test
  void aStreamInItsReferencePeriodWritesOnlyItsSamples() throws Exception {
    StreamMonitor m = new StreamMonitor("stream-1", 3, CONFIG, 9);
    for (int t = 0; t < 45; t++) m.update(STUCK.times()[t], STUCK.values()[t]);

    // 45 samples of 3 doubles, and a header (id, channels, seed, phase, count, start and last time,
    // interval estimate)
    assertThat(bytes(m)).hasSizeLessThanOrEqualTo(45 * 3 * 8 + 56);
  }

  @Test
  void aReferenceModelThatKeptOnlyEveryOtherVectorIsWrittenVectorByVector() throws Exception {
    double[][] raw = Arrays.copyOf(STUCK.values(), 5_000); // over 4,096 delay vectors: stride 2
    MonitorConfig config = CONFIG.withWarmup(5_000, CONFIG.calibrationSamples());
    ReferenceModel model = ReferenceModel.fit(raw, 0.02, config);
    var bytes = new ByteArrayOutputStream();
    model.write(new DataOutputStream(bytes));
    ReferenceModel read =
        ReferenceModel.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3, config);

    var again = new ByteArrayOutputStream();
    read.write(new DataOutputStream(again));
    assertThat(Arrays.equals(again.toByteArray(), bytes.toByteArray())).isTrue();
    assertThat(read.vectors.length).isLessThan(raw.length / 2 + 1);
    double[] probe = model.vectors[100].clone();
    probe[0] += 0.01;
    assertThat(read.nearestReference(probe)).isEqualTo(model.nearestReference(probe));
    assertThat(read.cell(probe)).isEqualTo(model.cell(probe));
  }

  @Test
  void truncatedStateGivesAnIOExceptionThatSaysSo() throws Exception {
    StreamMonitor m = new StreamMonitor("s", 3, CONFIG, 9);
    for (int t = 0; t < CONFIG.referenceSamples() + 200; t++) {
      m.update(STUCK.times()[t], STUCK.values()[t]);
    }
    byte[] whole = bytes(m);
    for (int length : new int[] {0, 5, 20, 1_000, whole.length / 2, whole.length - 1}) {
      assertThatThrownBy(() -> read(Arrays.copyOf(whole, length)))
          .as("cut at %d", length)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void garbageGivesAnIOExceptionNeverAnotherError() {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(4_000)];
      random.nextBytes(garbage);
      garbage[0] = 0; // a short stream id, so the garbage reaches the lengths
      garbage[1] = 1;
      assertThatThrownBy(() -> read(garbage)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aHugeLengthPrefixIsRefusedBeforeAnythingIsAllocated() throws Exception {
    assertThatThrownBy(() -> read(header(3, 0, Integer.MAX_VALUE)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("reference samples is 2147483647, outside 0..511");
    assertThatThrownBy(() -> read(header(Integer.MAX_VALUE, 0, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("channel count");
    assertThatThrownBy(() -> read(header(3, 7, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown phase 7");
    // the most a header may claim (65,536 channels x 511 samples: 256 MiB of doubles) with no
    // values behind it: the reader stops at the end of the bytes after allocating one chunk
    assertThatThrownBy(() -> read(header(StreamMonitorState.MAX_CHANNELS, 0, 511)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
  }

  private static byte[] header(int channels, int phase, int count) throws IOException {
    var bytes = new ByteArrayOutputStream();
    var out = new DataOutputStream(bytes);
    out.writeUTF("s");
    out.writeInt(channels);
    out.writeLong(9);
    out.writeByte(phase);
    out.writeInt(count);
    out.writeDouble(0);
    out.writeDouble(0);
    out.writeDouble(0);
    return bytes.toByteArray();
  }

  private static boolean isAnyOpen(StreamMonitor m) {
    for (AlertKind k : AlertKind.values()) if (m.isOpen(k)) return true;
    return false;
  }

  /**
   * Format 3 had no fitted forecast-check NVAR: a monitor read from it fits one at its next block
   * (mid-way between two scheduled refits here) and, from the next scheduled refit on, checks its
   * forecasts with the same model as a monitor that never stopped.
   */
  @Test
  void aMonitorReadFromFormat3FitsItsForecastCheckAtItsNextBlock() throws Exception {
    StreamMonitor original = new StreamMonitor("s", 3, CONFIG, 9);
    int t = 0;
    while (!original.monitoring() || original.blocks % StreamMonitor.REFIT_BLOCKS != 3) {
      original.update(STUCK.times()[t], STUCK.values()[t]);
      t++;
    }
    var old = new ByteArrayOutputStream();
    StreamMonitorState.write(original, new DataOutputStream(old), 3);
    StreamMonitor restored =
        StreamMonitorState.read(
            new DataInputStream(new ByteArrayInputStream(old.toByteArray())), CONFIG, 3);
    assertThat(restored.fitted).isNull();
    long block = original.blocks;
    while (original.blocks == block) {
      original.update(STUCK.times()[t], STUCK.values()[t]);
      restored.update(STUCK.times()[t], STUCK.values()[t]);
      t++;
    }
    assertThat(restored.fitted).as("fitted at its first block").isNotNull();
    assertThat(restored.fitted.fitted().w()).isNotEqualTo(original.fitted.fitted().w());
    while (original.blocks % StreamMonitor.REFIT_BLOCKS != 1) {
      original.update(STUCK.times()[t], STUCK.values()[t]);
      restored.update(STUCK.times()[t], STUCK.values()[t]);
      t++;
    }
    assertThat(restored.fitted.fitted().w()).isEqualTo(original.fitted.fitted().w());
  }

  /**
   * Format 4 had no increment scales: a monitor read from it judges the residual as format 4's
   * monitor did (no loudness discount; a quiet channel counts as still), and keeps doing so through
   * later checkpoints in the current format.
   */
  @Test
  void aMonitorReadFromFormat4JudgesTheResidualWithoutIncrementScales() throws Exception {
    StreamMonitor original = new StreamMonitor("s", 3, CONFIG, 9);
    int t = 0;
    while (!original.monitoring()) {
      original.update(STUCK.times()[t], STUCK.values()[t]);
      t++;
    }
    assertThat(original.stillestIncrementRatio()).isPositive();
    var old = new ByteArrayOutputStream();
    StreamMonitorState.write(original, new DataOutputStream(old), 4);
    StreamMonitor restored =
        StreamMonitorState.read(
            new DataInputStream(new ByteArrayInputStream(old.toByteArray())), CONFIG, 4);
    assertThat(restored.loudness()).isEqualTo(1.0);
    assertThat(restored.stillestIncrementRatio()).isZero();
    StreamMonitor again =
        StreamMonitorState.read(
            new DataInputStream(new ByteArrayInputStream(bytes(restored))), CONFIG);
    assertThat(again.loudness()).isEqualTo(1.0);
    assertThat(again.stillestIncrementRatio()).isZero();
  }

  @Test
  void aFormatOutsideTheReadRangeIsRefused() {
    for (int format :
        new int[] {StreamMonitorState.OLDEST_FORMAT - 1, StreamMonitorState.FORMAT + 1}) {
      assertThatThrownBy(
              () ->
                  StreamMonitorState.read(
                      new DataInputStream(new ByteArrayInputStream(new byte[8])), CONFIG, format))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("format " + format);
    }
  }

  private static String signals(BlockSignals b) {
    return b.timeSeconds()
        + Arrays.toString(b.values())
        + Arrays.toString(b.z())
        + Arrays.toString(b.errorAtLead());
  }

  static byte[] bytes(StreamMonitor m) throws IOException {
    var bytes = new ByteArrayOutputStream();
    StreamMonitorState.write(m, new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static StreamMonitor read(byte[] bytes) throws IOException {
    return StreamMonitorState.read(new DataInputStream(new ByteArrayInputStream(bytes)), CONFIG);
  }

  static StreamMonitor roundTrip(StreamMonitor m) throws IOException {
    StreamMonitor copy = read(bytes(m));
    assertThat(Arrays.equals(bytes(copy), bytes(m))).as("a copy writes the same state").isTrue();
    return copy;
  }
}
