package io.chaoscast.models.drift;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One growing byte array written as a {@link DataOutput} and then read back as a {@link DataInput},
 * in the same big-endian layout as {@link DataOutputStream}. It exists for {@link
 * StreamMonitorState#copy}: Flink's heap backend copies every monitor a stream touches while a
 * checkpoint is written, and going through the checkpoint's own write and read keeps one code path;
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream} made that copy cost several
 * synchronised calls per value (docs/bench/monitor-copy.txt: 57 against 7.8 us per monitor). Not
 * thread-safe; one copy at a time.
 */
final class StateBuffer implements DataOutput, DataInput {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private byte[] bytes;
  private int written;
  private int read;

  StateBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  private int reserve(int n) {
    int at = written;
    if (at + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, at + n));
    written = at + n;
    return at;
  }

  /** The bytes written so far. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, written);
  }

  private int take(int n) throws EOFException {
    int at = read;
    if (n < 0) throw new IndexOutOfBoundsException("state buffer: read of " + n + " bytes");
    if (at + n > written) throw new EOFException("state buffer: " + n + " bytes past the end");
    read = at + n;
    return at;
  }

  // ---- DataOutput

  @Override
  public void write(int b) {
    int at = reserve(1); // before reading the field: reserve may replace the array
    bytes[at] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    int at = reserve(len);
    System.arraycopy(b, off, bytes, at, len);
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    int at = reserve(2);
    bytes[at] = (byte) (v >>> 8);
    bytes[at + 1] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    int at = reserve(4);
    INTS.set(bytes, at, v);
  }

  @Override
  public void writeLong(long v) {
    int at = reserve(8);
    LONGS.set(bytes, at, v);
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    for (int i = 0; i < s.length(); i++) write(s.charAt(i));
  }

  @Override
  public void writeChars(String s) {
    for (int i = 0; i < s.length(); i++) writeChar(s.charAt(i));
  }

  /** Modified UTF-8 as {@link DataOutputStream#writeUTF} writes it (names, a few per monitor). */
  @Override
  public void writeUTF(String s) throws IOException {
    var utf = new ByteArrayOutputStream(2 + s.length());
    new DataOutputStream(utf).writeUTF(s);
    write(utf.toByteArray());
  }

  // ---- DataInput

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    int at = take(len);
    System.arraycopy(bytes, at, b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, written - read));
    read += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  @Override
  public byte readByte() throws IOException {
    int at = take(1);
    return bytes[at];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return readByte() & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    int at = take(2);
    return (short) ((bytes[at] << 8) | (bytes[at + 1] & 0xFF));
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xFFFF;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws IOException {
    int at = take(4);
    return (int) INTS.get(bytes, at);
  }

  @Override
  public long readLong() throws IOException {
    int at = take(8);
    return (long) LONGS.get(bytes, at);
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** Not part of any state layout. */
  @Override
  public String readLine() {
    throw new UnsupportedOperationException("state buffer: readLine");
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }
}
