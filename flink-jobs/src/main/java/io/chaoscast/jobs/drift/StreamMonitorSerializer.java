package io.chaoscast.jobs.drift;

import io.chaoscast.models.drift.StreamMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A stream's drift monitor. Its object graph (reference model, NVAR forecaster, detectors,
 * lifecycles) is still written with Java serialization inside this versioned format, but read
 * through an {@link ObjectInputFilter} that admits only the monitor's own classes and the few JDK
 * value and collection classes they hold: a checkpoint written by someone else cannot name any
 * other class, so no gadget chain can run while a job restores. The filter also bounds depth,
 * references and bytes. (A field-by-field format, as for the guard and the events, would also make
 * the state independent of the models' class layout; format 2 can add it and keep reading 1.)
 */
public final class StreamMonitorSerializer extends DriftStateSerializer<StreamMonitor> {

  private static final long serialVersionUID = 1L;

  public static final StreamMonitorSerializer INSTANCE = new StreamMonitorSerializer();

  /** The classes a monitor's graph may hold; everything else is rejected before it is loaded. */
  static final ObjectInputFilter ALLOWED =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=32;maxrefs=1000000;maxbytes=268435456;maxarray=67108864;"
              + "io.chaoscast.models.drift.*;io.chaoscast.models.forecast.NvarForecaster;"
              + "java.lang.Enum;java.lang.Number;java.lang.Double;java.lang.Long;"
              + "java.lang.Integer;java.lang.Boolean;java.lang.String;"
              + "java.lang.Object;java.util.Set;java.util.List;java.util.Map;java.util.Map$Entry;java.util.KeyValueHolder;"
              + "java.util.AbstractMap$SimpleImmutableEntry;java.util.EnumMap;java.util.HashSet;java.util.LinkedHashSet;java.util.HashMap;java.util.ArrayDeque;"
              + "java.util.ArrayList;java.util.ImmutableCollections$*;java.util.CollSer;"
              + "!*");

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  void write(StreamMonitor monitor, DataOutputView out) throws IOException {
    var bytes = new ByteArrayOutputStream(4096);
    try (var objects = new ObjectOutputStream(bytes)) {
      objects.writeObject(monitor);
    }
    out.writeInt(bytes.size());
    out.write(bytes.toByteArray());
  }

  @Override
  StreamMonitor read(int format, DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    String[] rejected = {null};
    try (var objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(
          info -> {
            var status = ALLOWED.checkInput(info);
            if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
              rejected[0] = info.serialClass() == null ? "a limit" : info.serialClass().getName();
            }
            return status;
          });
      return (StreamMonitor) objects.readObject();
    } catch (InvalidClassException e) {
      throw new InvalidClassException(
          "a drift monitor's state names "
              + rejected[0]
              + ", which it may not hold ("
              + e.getMessage()
              + ")");
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new InvalidClassException("not a drift monitor's state: " + e.getMessage());
    }
  }

  @Override
  public TypeSerializerSnapshot<StreamMonitor> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from a checkpoint's metadata. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamMonitor> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
