package io.chaoscast.jobs.drift;

import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import io.chaoscast.models.drift.StreamMonitorState;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stream's drift monitor, field by field through {@link StreamMonitorState} (format 5): only what
 * the monitor's phase holds, no Java serialization. The settings are not part of each value: this
 * serializer carries the job's {@link MonitorConfig}, and its {@link Snapshot} writes it once per
 * checkpoint, so a restore reads every monitor under the settings it was written with.
 *
 * <p>When a restored job runs with other drift settings, Flink migrates the state: the old settings
 * read each monitor and this serializer writes it as a restarted one (a new reference period under
 * the new settings), because a reference, calibration and buffers sized for other settings cannot
 * continue under them. Format 1 (Java serialization, up to this version) is not read: the drift
 * stage of such a checkpoint is not restored (docs/hardening.md).
 */
public final class StreamMonitorSerializer extends DriftStateSerializer<StreamMonitor> {

  private static final long serialVersionUID = 1L;

  /**
   * Field by field; format 1 was Java serialization, format 2 the monitor before adapting
   * baselines, the forecast surprise and gap handling (issue 18): both are refused. Format 3 (no
   * fitted forecast-check NVAR) is read.
   */
  static final int MONITOR_FORMAT = StreamMonitorState.FORMAT;

  private final MonitorConfig config;

  public StreamMonitorSerializer(MonitorConfig config) {
    this.config = Objects.requireNonNull(config);
  }

  @Override
  int format() {
    return MONITOR_FORMAT;
  }

  @Override
  int oldestFormat() {
    return StreamMonitorState.OLDEST_FORMAT;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  void write(StreamMonitor monitor, DataOutputView out) throws IOException {
    StreamMonitor m = monitor.config().equals(config) ? monitor : monitor.restartedWith(config);
    StreamMonitorState.write(m, out);
  }

  /** An in-memory copy that shares the fitted reference (the heap backend copies on write). */
  @Override
  public StreamMonitor copy(StreamMonitor from) {
    return StreamMonitorState.copy(from);
  }

  @Override
  StreamMonitor read(int format, DataInputView in) throws IOException {
    return StreamMonitorState.read(in, config, format);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamMonitorSerializer other && config.equals(other.config);
  }

  @Override
  public int hashCode() {
    return config.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<StreamMonitor> snapshotConfiguration() {
    return new Snapshot(config);
  }

  /** The settings of a checkpoint's monitors, written once by name and value. */
  public static final class Snapshot implements TypeSerializerSnapshot<StreamMonitor> {

    private static final int VERSION = 1;

    private MonitorConfig config;

    /** For Flink, which then calls {@link #readSnapshot}. */
    public Snapshot() {}

    Snapshot(MonitorConfig config) {
      this.config = config;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      RecordComponent[] components = MonitorConfig.class.getRecordComponents();
      out.writeInt(components.length);
      for (RecordComponent c : components) {
        out.writeUTF(c.getName());
        Object value = get(c, config); // int or double; an int is exact as a double
        if (value instanceof Integer i) out.writeDouble(i);
        else out.writeDouble((Double) value);
      }
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader)
        throws IOException {
      if (version != VERSION) {
        // version 3 is the SimpleTypeSerializerSnapshot of the Java-serialised monitors (format 1)
        throw new IOException(
            "drift monitor state of snapshot version "
                + version
                + " (Java-serialised, before format 2) is not read: restore this job without the"
                + " drift stage's state (docs/hardening.md)");
      }
      RecordComponent[] components = MonitorConfig.class.getRecordComponents();
      int n = in.readInt();
      if (n != components.length) {
        throw new IOException(
            "the checkpoint's drift settings have " + n + " fields, not " + components.length);
      }
      Object[] values = new Object[n];
      Class<?>[] types = new Class<?>[n];
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        if (!name.equals(components[i].getName())) {
          throw new IOException(
              "the checkpoint's drift settings name "
                  + name
                  + " where "
                  + components[i].getName()
                  + " belongs");
        }
        double v = in.readDouble();
        types[i] = components[i].getType();
        values[i] = types[i] == int.class ? (Object) (int) v : (Object) v;
      }
      try {
        config = MonitorConfig.class.getDeclaredConstructor(types).newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new IOException("the checkpoint's drift settings are invalid: " + e.getCause(), e);
      }
    }

    @Override
    public TypeSerializer<StreamMonitor> restoreSerializer() {
      return new StreamMonitorSerializer(config);
    }

    @Override
    public TypeSerializerSchemaCompatibility<StreamMonitor> resolveSchemaCompatibility(
        TypeSerializerSnapshot<StreamMonitor> old) {
      if (!(old instanceof Snapshot previous))
        return TypeSerializerSchemaCompatibility.incompatible();
      return previous.config.equals(config)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }

    private static Object get(RecordComponent c, MonitorConfig config) {
      try {
        return c.getAccessor().invoke(config);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
