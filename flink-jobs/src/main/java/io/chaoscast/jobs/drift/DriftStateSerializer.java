package io.chaoscast.jobs.drift;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The common part of the drift stage's explicit serializers: their types (the models module's
 * monitor, guard and events) are not Flink POJOs, and the generic fallbacks (Kryo, or Java
 * serialization through it) are fragile across versions and, for Java serialization, run code
 * chosen by whoever can write the checkpoint storage. Each value starts with a format version byte,
 * so that a later format can still read the values checkpointed in this one. The serializers are
 * immutable (a subclass may carry settings, and then compares them in {@code equals}).
 */
abstract class DriftStateSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  /** The format the event and guard serializers write now. */
  static final int FORMAT = 1;

  /** The format written now. */
  int format() {
    return FORMAT;
  }

  /** The oldest format still read. */
  int oldestFormat() {
    return FORMAT;
  }

  /** Writes the value's fields (after the version byte). */
  abstract void write(T value, DataOutputView out) throws IOException;

  /** Reads a value written in {@code format}. */
  abstract T read(int format, DataInputView in) throws IOException;

  /**
   * Writes the format byte and the fields. Into a checkpoint's stream, each {@code writeDouble}
   * would be a small write of its own, and a monitor is thousands of doubles written on the
   * checkpoint's critical path: so the value is built in memory (Flink's unsafe-backed serializer)
   * and handed to the stream in one piece. The bytes are the same either way.
   */
  @Override
  public final void serialize(T value, DataOutputView out) throws IOException {
    if (out instanceof DataOutputSerializer) {
      out.writeByte(format());
      write(value, out);
      return;
    }
    var buffer = new DataOutputSerializer(4096);
    buffer.writeByte(format());
    write(value, buffer);
    out.write(buffer.getSharedBuffer(), 0, buffer.length());
  }

  @Override
  public final T deserialize(DataInputView in) throws IOException {
    int format = in.readUnsignedByte();
    if (format < oldestFormat() || format > format()) {
      throw new IOException(
          getClass().getSimpleName()
              + ": unknown format "
              + format
              + " (this version reads "
              + oldestFormat()
              + ".."
              + format()
              + ")");
    }
    return read(format, in);
  }

  @Override
  public final T deserialize(T reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public T copy(T from) {
    if (isImmutableType()) return from;
    try {
      var out = new DataOutputSerializer(256);
      serialize(from, out);
      return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot copy a " + from.getClass().getSimpleName(), e);
    }
  }

  @Override
  public final T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this; // immutable
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  @Override
  public final T createInstance() {
    return null;
  }

  @Override
  public final int getLength() {
    return -1;
  }
}
