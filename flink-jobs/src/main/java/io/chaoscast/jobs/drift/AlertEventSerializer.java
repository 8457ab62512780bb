package io.chaoscast.jobs.drift;

import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.Severity;
import io.chaoscast.models.drift.Signal;
import io.chaoscast.models.drift.SignalExcursion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Drift events, between the monitors and the storm guard and in the guard's buffer. Enum constants
 * are written by name, so reordering or adding constants keeps old checkpoints readable.
 */
public final class AlertEventSerializer extends DriftStateSerializer<AlertEvent> {

  private static final long serialVersionUID = 1L;

  public static final AlertEventSerializer INSTANCE = new AlertEventSerializer();

  @Override
  public boolean isImmutableType() {
    return true; // a record with immutable lists
  }

  @Override
  void write(AlertEvent e, DataOutputView out) throws IOException {
    StringValue.writeString(e.streamId(), out);
    StringValue.writeString(e.kind().name(), out);
    StringValue.writeString(e.phase().name(), out);
    StringValue.writeString(e.severity().name(), out);
    out.writeDouble(e.timeSeconds());
    out.writeDouble(e.openedAtSeconds());
    out.writeDouble(e.sinceSeconds());
    out.writeInt(e.signals().size());
    for (SignalExcursion s : e.signals()) {
      StringValue.writeString(s.signal().name(), out);
      out.writeInt(s.detectors().size());
      for (String d : s.detectors()) StringValue.writeString(d, out);
      out.writeDouble(s.z());
      out.writeDouble(s.value());
      out.writeDouble(s.baselineMedian());
      out.writeDouble(s.sinceSeconds());
    }
    out.writeInt(e.streams());
  }

  @Override
  AlertEvent read(int format, DataInputView in) throws IOException {
    String stream = StringValue.readString(in);
    AlertKind kind = AlertKind.valueOf(StringValue.readString(in));
    AlertPhase phase = AlertPhase.valueOf(StringValue.readString(in));
    Severity severity = Severity.valueOf(StringValue.readString(in));
    double time = in.readDouble();
    double openedAt = in.readDouble();
    double since = in.readDouble();
    int n = in.readInt();
    List<SignalExcursion> signals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Signal signal = Signal.valueOf(StringValue.readString(in));
      int d = in.readInt();
      List<String> detectors = new ArrayList<>(d);
      for (int j = 0; j < d; j++) detectors.add(StringValue.readString(in));
      signals.add(
          new SignalExcursion(
              signal,
              detectors,
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble()));
    }
    return new AlertEvent(
        stream, kind, phase, severity, time, openedAt, since, signals, in.readInt());
  }

  @Override
  public TypeSerializerSnapshot<AlertEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from a checkpoint's metadata. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
