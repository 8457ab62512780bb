package io.chaoscast.models.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Bounded reading and writing of the arrays in a monitor's state ({@link StreamMonitorState}). A
 * length read from a checkpoint is checked against the most the settings allow before anything is
 * allocated, and arrays grow as their values actually arrive, so garbage or a hostile length prefix
 * costs an {@link IOException}, never a huge allocation.
 */
final class StateIO {

  /** Values allocated at once while reading an array; larger arrays grow as bytes arrive. */
  private static final int CHUNK = 4096;

  private StateIO() {}

  /** A length or count, refused unless within 0..max. */
  static int length(DataInput in, long max, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException(
          "drift monitor state: " + what + " is " + n + ", outside 0.." + max + " (corrupt)");
    }
    return n;
  }

  static void writeDoubles(DataOutput out, double[] values, int count) throws IOException {
    for (int i = 0; i < count; i++) out.writeDouble(values[i]);
  }

  static double[] readDoubles(DataInput in, int count) throws IOException {
    double[] values = new double[Math.min(count, CHUNK)];
    for (int i = 0; i < count; i++) {
      if (i == values.length) values = Arrays.copyOf(values, Math.min(count, 2 * i));
      values[i] = in.readDouble();
    }
    return values;
  }

  static void writeMatrix(DataOutput out, double[][] rows) throws IOException {
    for (double[] row : rows) writeDoubles(out, row, row.length);
  }

  /** {@code rows} rows of {@code columns} values, reading the rows one by one. */
  static double[][] readMatrix(DataInput in, int rows, int columns) throws IOException {
    double[][] out = new double[Math.min(rows, CHUNK)][];
    for (int r = 0; r < rows; r++) {
      if (r == out.length) out = Arrays.copyOf(out, Math.min(rows, 2 * r));
      out[r] = readDoubles(in, columns);
    }
    return out;
  }

  static void writeInts(DataOutput out, int[] values) throws IOException {
    for (int v : values) out.writeInt(v);
  }

  /** Reads into an array the settings sized; each value must be within 0..max. */
  static void readInts(DataInput in, int[] into, int max, String what) throws IOException {
    for (int i = 0; i < into.length; i++) into[i] = length(in, max, what);
  }
}
