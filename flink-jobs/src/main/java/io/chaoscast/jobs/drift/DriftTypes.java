package io.chaoscast.jobs.drift;

import io.chaoscast.models.drift.AlertEvent;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Type information for the drift events stream: Flink's extraction would make {@link AlertEvent} (a
 * record with a list of records) a generic type, serialised by Kryo.
 */
public final class DriftTypes {

  public static final TypeInformation<AlertEvent> ALERT_EVENT =
      new Explicit<>(AlertEvent.class, AlertEventSerializer.INSTANCE);

  private DriftTypes() {}

  /** A type whose serializer is given rather than derived. */
  static final class Explicit<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    Explicit(Class<T> type, TypeSerializer<T> serializer) {
      this.type = type;
      this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<T> getTypeClass() {
      return type;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
      return serializer;
    }

    @Override
    public String toString() {
      return type.getSimpleName() + "(" + serializer.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Explicit<?> e && e.type == type && e.serializer.equals(serializer);
    }

    @Override
    public int hashCode() {
      return Objects.hash(type, serializer);
    }

    @Override
    public boolean canEqual(Object o) {
      return o instanceof Explicit;
    }
  }
}
