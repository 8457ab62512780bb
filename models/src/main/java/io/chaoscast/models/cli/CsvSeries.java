package io.chaoscast.models.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multichannel series as stored on disk: header row, then one row per sample with time in seconds
 * first and one column per channel. Arrays are owned by the record.
 *
 * @param channelNames names of the channel columns (header without the time column)
 * @param times sample times in seconds
 * @param values time-major samples {@code values[t][c]}
 */
public record CsvSeries(List<String> channelNames, double[] times, double[][] values) {

  public CsvSeries {
    channelNames = List.copyOf(channelNames);
    if (times.length != values.length) throw new IllegalArgumentException("length mismatch");
  }

  /** Median spacing of the time column (robust to a stray gap). */
  public double samplingInterval() {
    if (times.length < 2) return Double.NaN;
    double[] d = new double[times.length - 1];
    for (int i = 0; i < d.length; i++) d[i] = times[i + 1] - times[i];
    Arrays.sort(d);
    return d[d.length / 2];
  }

  /**
   * Reads a complete series: every cell a number.
   *
   * @throws MalformedSeriesException naming the file and line of the first cell that is not
   */
  public static CsvSeries read(Path path) throws IOException {
    return read(path, false);
  }

  /**
   * Reads a series that may have missing values: an empty channel cell, {@code NaN}, {@code nan},
   * {@code NA} or {@code null} (any case) is read as NaN, as a stream's record with a null value
   * would be; {@code inf} and {@code -inf} (any case) as infinities. Times must be numbers.
   */
  public static CsvSeries readWithMissing(Path path) throws IOException {
    return read(path, true);
  }

  private static CsvSeries read(Path path, boolean missingAllowed) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) throw new MalformedSeriesException(path + ": empty file");
      String[] cols = header.split(",");
      if (cols.length < 2) {
        throw new MalformedSeriesException(path + ": need a time column and a channel");
      }
      List<String> names = new ArrayList<>();
      for (int i = 1; i < cols.length; i++) names.add(cols[i].trim());
      List<double[]> rows = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] f = line.split(",", -1);
        if (f.length != cols.length) {
          throw new MalformedSeriesException(
              path + ":" + lineNo + ": expected " + cols.length + " fields, found " + f.length);
        }
        double[] row = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          boolean missingHere = missingAllowed && i > 0;
          String text = f[i].trim();
          Double v = missingHere ? missing(text) : null;
          if (v == null) {
            try {
              v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
              v = Double.NaN;
            }
            if (!Double.isFinite(v)) {
              throw new MalformedSeriesException(
                  path
                      + ":"
                      + lineNo
                      + ": "
                      + (i == 0 ? "time" : "column " + cols[i].trim())
                      + " is not a finite number: '"
                      + text
                      + "'"
                      + (missingHere || i == 0
                          ? ""
                          : " (only detect reads missing values, as NaN)"));
            }
          }
          row[i] = v;
        }
        rows.add(row);
      }
      double[] t = new double[rows.size()];
      double[][] v = new double[rows.size()][];
      for (int i = 0; i < t.length; i++) {
        t[i] = rows.get(i)[0];
        v[i] = Arrays.copyOfRange(rows.get(i), 1, cols.length);
      }
      return new CsvSeries(names, t, v);
    }
  }

  /** The value a missing-value marker stands for, or null if the cell is not one. */
  private static Double missing(String cell) {
    return switch (cell.toLowerCase(java.util.Locale.ROOT)) {
      case "", "nan", "na", "null" -> Double.NaN;
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  public void write(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("time_s," + String.join(",", channelNames));
      w.newLine();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < times.length; i++) {
        sb.setLength(0);
        sb.append(times[i]);
        for (double v : values[i]) sb.append(',').append(v);
        w.write(sb.toString());
        w.newLine();
      }
    }
  }
}
