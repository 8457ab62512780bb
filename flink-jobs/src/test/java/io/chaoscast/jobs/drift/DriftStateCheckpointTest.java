package io.chaoscast.jobs.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.isolation.Quarantine;
import io.chaoscast.jobs.state.StreamStateTtl;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import io.chaoscast.models.drift.StreamMonitorState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The drift stage's state survives a checkpoint with generic types disabled (so nothing of it goes
 * through Kryo or Java serialization's Kryo default), and a restored job continues exactly like an
 * uninterrupted one.
 */
class DriftStateCheckpointTest {

  /** Small enough that the monitor is past its reference and calibration within 700 samples. */
  static final MonitorConfig SMALL = MonitorConfig.defaults().withWarmup(256, 256);

  private static final Duration TTL = Duration.ofMinutes(10);

  static KeyedTwoInputStreamOperatorTestHarness<
          String, Observation, ServedRolloutFailure, AlertEvent>
      monitor(OperatorSubtaskState restored) throws Exception {
    var h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(
                new DriftMonitorFunction(SMALL, TTL, new Quarantine(3, 60_000, "drift-monitor"))),
            Observation::stream,
            ServedRolloutFailure::stream,
            Types.STRING);
    ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
    if (restored != null) h.initializeState(restored);
    h.open();
    return h;
  }

  /** A logistic-map stream, chaotic until {@code change}, then with another parameter. */
  static void feed(
      KeyedTwoInputStreamOperatorTestHarness<String, Observation, ServedRolloutFailure, AlertEvent>
          h,
      String stream,
      int from,
      int to)
      throws Exception {
    double x = 0.3;
    for (int i = 0; i < to; i++) {
      double r = i < 600 ? 3.9 : 3.6;
      x = r * x * (1 - x);
      if (i < from) continue;
      long ts = 1_000L + 10L * i;
      h.processElement1(
          new StreamRecord<>(new Observation(stream, ts, new double[] {x}, null, null), ts));
    }
  }

  /** The stream's monitor in the harness's keyed state, or null. */
  static StreamMonitor monitorOf(
      KeyedTwoInputStreamOperatorTestHarness<String, Observation, ServedRolloutFailure, AlertEvent>
          h,
      String stream)
      throws Exception {
    var backend = h.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(stream);
    return backend
        .getPartitionedState(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            new ValueStateDescriptor<>(
                DriftMonitorFunction.STATE, new StreamMonitorSerializer(SMALL)))
        .value();
  }

  /** The monitor's last computed signals (values and z-scores): they depend on all of its state. */
  private static String lastSignals(
      KeyedTwoInputStreamOperatorTestHarness<String, Observation, ServedRolloutFailure, AlertEvent>
          h,
      String stream)
      throws Exception {
    StreamMonitor m = monitorOf(h, stream);
    assertThat(m.monitoring()).isTrue();
    var last = m.lastSignals();
    return last.timeSeconds()
        + " "
        + Arrays.toString(last.values())
        + " "
        + Arrays.toString(last.z())
        + " "
        + Arrays.toString(last.errorAtLead());
  }

  @Test
  void shouldRestoreTheDriftMonitorsFromACheckpointAndContinueAsIfUninterrupted() throws Exception {
    List<AlertEvent> uninterrupted;
    String expected;
    try (var h = monitor(null)) {
      feed(h, "a", 0, 1_000);
      uninterrupted = h.extractOutputValues();
      expected = lastSignals(h, "a");
    }

    OperatorSubtaskState snapshot;
    List<AlertEvent> restored = new ArrayList<>();
    try (var h = monitor(null)) {
      feed(h, "a", 0, 700);
      restored.addAll(h.extractOutputValues());
      snapshot = h.snapshot(1, 1);
    }
    try (var h = monitor(snapshot)) {
      feed(h, "a", 700, 1_000);
      restored.addAll(h.extractOutputValues());
      assertThat(lastSignals(h, "a")).isEqualTo(expected);
    }
    assertThat(restored).isEqualTo(uninterrupted);
  }

  @Test
  void shouldDropASilentStreamsMonitorAfterTheTtl() throws Exception {
    try (var h = monitor(null)) {
      at(h, 0);
      feed(h, "a", 0, 10);
      at(h, TTL.toMillis() / 2);
      feed(h, "b", 0, 200);
      assertThat(h.numProcessingTimeTimers()).isEqualTo(2); // one expiry timer per stream

      // a's timer: a was silent for the TTL and its monitor goes; b wrote since and stays
      at(h, StreamStateTtl.expiryTimer(0, TTL));
      assertThat(h.numKeyedStateEntries()).isEqualTo(1);
      assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
      at(h, StreamStateTtl.expiryTimer(TTL.toMillis() / 2, TTL));
      assertThat(h.numKeyedStateEntries()).isZero();
      assertThat(h.numEventTimeTimers()).isZero();
      assertThat(h.numProcessingTimeTimers()).isZero();
    }
  }

  /** Processing time and the TTL's clock at {@code ms}: timers due by then fire. */
  private static void at(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> h, long ms)
      throws Exception {
    h.setStateTtlProcessingTime(ms);
    h.setProcessingTime(ms);
  }

  @Test
  void shouldRestoreTheStormGuardAndItsBufferedEventsFromACheckpoint() throws Exception {
    List<Alert> uninterrupted;
    try (var h = StormGuardFunctionTest.harness(2)) {
      for (int i = 0; i < 4; i++) h.processElement(StormGuardFunctionTest.open("s" + i, 1_000 + i));
      h.processWatermark(new Watermark(1_002));
      h.processWatermark(new Watermark(200_000));
      uninterrupted = h.extractOutputValues();
    }

    OperatorSubtaskState snapshot;
    List<Alert> restored = new ArrayList<>();
    try (var h = StormGuardFunctionTest.harness(2)) {
      for (int i = 0; i < 4; i++) h.processElement(StormGuardFunctionTest.open("s" + i, 1_000 + i));
      h.processWatermark(new Watermark(1_002)); // a storm is open, one event still buffered
      restored.addAll(h.extractOutputValues());
      snapshot = h.snapshot(1, 1);
    }
    try (var h = StormGuardFunctionTest.unopened(2)) {
      h.initializeState(snapshot);
      h.open();
      h.processWatermark(new Watermark(200_000));
      restored.addAll(h.extractOutputValues());
    }

    assertThat(uninterrupted).extracting(Alert::kind).contains(Alert.Kind.DRIFT_STORM);
    assertThat(restored).isEqualTo(uninterrupted);
  }

  @Test
  void shouldNeverJavaDeserialiseAMonitorCheckpoint() throws Exception {
    var javaBytes = new ByteArrayOutputStream();
    try (var o = new ObjectOutputStream(javaBytes)) {
      o.writeObject(URI.create("http://example.invalid/").toURL()); // the URLDNS gadget's start
    }
    var out = new DataOutputSerializer(1024);
    out.writeByte(1); // format 1: Java serialization, as earlier versions wrote the monitors
    out.writeInt(javaBytes.size());
    out.write(javaBytes.toByteArray());

    assertThatThrownBy(
            () ->
                new StreamMonitorSerializer(SMALL)
                    .deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "unknown format 1 (this version reads "
                + StreamMonitorState.OLDEST_FORMAT
                + ".."
                + StreamMonitorState.FORMAT
                + ")");
  }

  @Test
  void shouldWriteTheSettingsOnceInTheSnapshotAndRestoreTheSerializerFromIt() throws Exception {
    var out = new DataOutputSerializer(256);
    TypeSerializerSnapshot.writeVersionedSnapshot(
        out, new StreamMonitorSerializer(SMALL).snapshotConfiguration());
    TypeSerializerSnapshot<StreamMonitor> read =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

    assertThat(read.restoreSerializer()).isEqualTo(new StreamMonitorSerializer(SMALL));
    var same = new StreamMonitorSerializer(SMALL).snapshotConfiguration();
    var other = new StreamMonitorSerializer(MonitorConfig.defaults()).snapshotConfiguration();
    assertThat(same.resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    assertThat(other.resolveSchemaCompatibility(read).isCompatibleAfterMigration()).isTrue();
  }

  @Test
  void shouldRestartAMonitorMigratedToOtherSettings() throws Exception {
    var old = new StreamMonitor("a", 1, SMALL, 5);
    for (int i = 0; i < 400; i++) old.update(i, new double[] {Math.sin(i)});
    assertThat(old.reference()).isNotNull();
    var serializer = new StreamMonitorSerializer(MonitorConfig.defaults());
    var out = new DataOutputSerializer(256);
    serializer.serialize(old, out);

    StreamMonitor migrated =
        serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(migrated.config()).isEqualTo(MonitorConfig.defaults());
    assertThat(migrated.streamId()).isEqualTo("a");
    assertThat(migrated.reference()).isNull();
  }

  /** Into a stream (as a checkpoint writes) the serializer writes the same bytes in one piece. */
  @Test
  void shouldWriteTheSameBytesToAStreamAsToAnInMemoryView() throws Exception {
    var m = new StreamMonitor("a", 1, SMALL, 5);
    for (int i = 0; i < 700; i++) m.update(i, new double[] {Math.sin(i)});
    assertThat(m.monitoring()).isTrue();
    var serializer = new StreamMonitorSerializer(SMALL);
    var memory = new DataOutputSerializer(256);
    serializer.serialize(m, memory);
    var bytes = new ByteArrayOutputStream();
    var stream = new DataOutputViewStreamWrapper(bytes);
    serializer.serialize(m, stream);
    stream.flush();

    assertThat(bytes.toByteArray()).isEqualTo(memory.getCopyOfBuffer());
    StreamMonitor read = serializer.deserialize(new DataInputDeserializer(bytes.toByteArray()));
    var again = new DataOutputSerializer(256);
    serializer.serialize(read, again);
    assertThat(again.getCopyOfBuffer()).isEqualTo(memory.getCopyOfBuffer());
  }

  @Test
  void shouldRoundTripADriftEventFieldByField() throws Exception {
    AlertEvent e = StormGuardFunctionTest.open("s", 1_500).getValue();
    var out = new DataOutputSerializer(256);
    AlertEventSerializer.INSTANCE.serialize(e, out);

    assertThat(
            AlertEventSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer())))
        .isEqualTo(e);
  }
}
