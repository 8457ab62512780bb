import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How long creating and writing one small file takes on this host, for comparison with the
 * checkpoint writes a JFR recording shows (JfrSummary's "file writes over the threshold"): a
 * thread that writes one file of BYTES every PAUSE_MS milliseconds into a fresh directory under DIR,
 * keeps the last 8 files like a checkpoint directory does, and prints the percentiles. Beside a load
 * test it tells whether writes stall in the file system itself or only in threads that had to wait
 * for a core (this thread sleeps between writes, so it is never behind in the scheduler's queue):
 *
 * <pre>java load-tests/tools/WriteProbe.java /dev/shm 12000 5 28000</pre>
 */
public final class WriteProbe {

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of(args[0]), "write-probe-");
    int n = Integer.parseInt(args[1]);
    long pauseMs = Long.parseLong(args[2]);
    byte[] bytes = new byte[Integer.parseInt(args[3])];
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      try (var out = new FileOutputStream(dir.resolve("f" + i).toFile())) {
        out.write(bytes);
      }
      nanos[i] = System.nanoTime() - start;
      if (i >= 8) Files.delete(dir.resolve("f" + (i - 8)));
      Thread.sleep(pauseMs);
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(dir);
    Arrays.sort(nanos);
    System.out.printf(
        "%s: %d writes of %d B, ms p50 %.3f p90 %.3f p99 %.3f max %.3f%n",
        args[0],
        n,
        bytes.length,
        nanos[n / 2] / 1e6,
        nanos[n * 9 / 10] / 1e6,
        nanos[n * 99 / 100] / 1e6,
        nanos[n - 1] / 1e6);
  }
}
