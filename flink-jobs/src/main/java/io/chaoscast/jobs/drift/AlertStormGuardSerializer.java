package io.chaoscast.jobs.drift;

import io.chaoscast.models.drift.AlertStormGuard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** The storm guard's state, field by field through {@link AlertStormGuard.Snapshot}. */
public final class AlertStormGuardSerializer extends DriftStateSerializer<AlertStormGuard> {

  private static final long serialVersionUID = 1L;

  public static final AlertStormGuardSerializer INSTANCE = new AlertStormGuardSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  void write(AlertStormGuard guard, DataOutputView out) throws IOException {
    var s = guard.snapshot();
    out.writeDouble(s.windowSeconds());
    out.writeInt(s.maxOpens());
    out.writeInt(s.opens().length);
    for (double t : s.opens()) out.writeDouble(t);
    out.writeInt(s.absorbed().size());
    for (String key : s.absorbed()) StringValue.writeString(key, out);
    out.writeBoolean(s.storm());
    out.writeDouble(s.stormOpenedAt());
    out.writeInt(s.absorbedCount());
  }

  @Override
  AlertStormGuard read(int format, DataInputView in) throws IOException {
    double window = in.readDouble();
    int maxOpens = in.readInt();
    double[] opens = new double[in.readInt()];
    for (int i = 0; i < opens.length; i++) opens[i] = in.readDouble();
    int n = in.readInt();
    List<String> absorbed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) absorbed.add(StringValue.readString(in));
    return AlertStormGuard.restore(
        new AlertStormGuard.Snapshot(
            window, maxOpens, opens, absorbed, in.readBoolean(), in.readDouble(), in.readInt()));
  }

  @Override
  public TypeSerializerSnapshot<AlertStormGuard> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from a checkpoint's metadata. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertStormGuard> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
