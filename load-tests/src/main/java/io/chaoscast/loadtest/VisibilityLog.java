package io.chaoscast.loadtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One line per forecast a {@link LatencyProbe} saw become visible: {@code run visible_ms
 * observed_ms stream}, appended to a file. With the job's checkpoint trigger times
 * (load-tests/tools/checkpoint-breakdown.py --trigger-log) it tells how long each exactly-once
 * commit took to reach a consumer, independently of where the forecasts fall between two
 * checkpoints (load-tests/tools/commit-delay.py).
 */
public final class VisibilityLog implements AutoCloseable {

  private final String run;
  private final BufferedWriter out;

  /**
   * @param run the name written on each line (no white space): which job of the load test
   */
  public VisibilityLog(Path file, String run) throws IOException {
    if (run.isEmpty() || run.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a run name without white space, not '" + run + "'");
    }
    this.run = run;
    this.out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public synchronized void record(long visibleMillis, long observedMillis, String stream) {
    try {
      out.write(
          String.format(Locale.ROOT, "%s %d %d %s%n", run, visibleMillis, observedMillis, stream));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hands what was recorded to the file (once per consumer poll, not per line). */
  public synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
