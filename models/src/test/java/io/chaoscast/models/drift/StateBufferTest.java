package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The copy buffer writes and reads exactly what DataOutputStream and DataInputStream do. */
class StateBufferTest {

  @Test
  void writesTheBytesDataOutputStreamWritesAndReadsThemBack() throws IOException {
    var expected = new ByteArrayOutputStream();
    // a small start so the buffer has to grow several times
    var buffer = new StateBuffer(8);
    writeValues(new DataOutputStream(expected), 7);
    writeValues(buffer, 7);

    byte[] reference = expected.toByteArray();
    byte[] written = new byte[reference.length];
    buffer.readFully(written);
    assertThat(written).isEqualTo(reference);
    assertThatThrownBy(buffer::readByte).isInstanceOf(EOFException.class);
  }

  @Test
  void readsBackEveryValueItWrote() throws IOException {
    var buffer = new StateBuffer(16);
    writeValues(buffer, 11);
    var reference = new ByteArrayOutputStream();
    writeValues(new DataOutputStream(reference), 11);
    var expected = new DataInputStream(new ByteArrayInputStream(reference.toByteArray()));
    assertThat(readValues(buffer)).isEqualTo(readValues(expected));
    assertThat(buffer.skipBytes(1)).isZero();
  }

  @Test
  void aReadPastWhatWasWrittenIsAnEofNotGarbage() {
    var buffer = new StateBuffer(64);
    buffer.writeInt(42);
    assertThatThrownBy(buffer::readLong).isInstanceOf(EOFException.class);
  }

  private static void writeValues(DataOutput out, long seed) throws IOException {
    var random = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      out.writeDouble(i % 17 == 0 ? Double.NaN : random.nextDouble(-1e9, 1e9));
      out.writeLong(random.nextLong());
      out.writeInt(random.nextInt());
      out.writeBoolean(random.nextBoolean());
      out.writeByte(random.nextInt(256));
      out.writeShort(random.nextInt(65_536));
      out.writeFloat((float) random.nextDouble());
    }
    out.writeUTF("stream-00042 \u00e9\u4e2d\u0000");
    out.writeDouble(Double.NEGATIVE_INFINITY);
    out.writeDouble(-0.0);
  }

  private static String readValues(DataInput in) throws IOException {
    var text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append(Double.doubleToRawLongBits(in.readDouble())).append(' ');
      text.append(in.readLong()).append(' ').append(in.readInt()).append(' ');
      text.append(in.readBoolean()).append(' ').append(in.readUnsignedByte()).append(' ');
      text.append(in.readUnsignedShort()).append(' ').append(in.readFloat()).append('\n');
    }
    text.append(in.readUTF()).append(' ').append(in.readDouble()).append(' ');
    return text.append(Double.doubleToRawLongBits(in.readDouble())).toString();
  }
}
