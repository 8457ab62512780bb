package io.chaoscast.models.bench;

import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import io.chaoscast.models.drift.StreamMonitorState;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What checkpointing one stream's drift monitor costs: serialize + deserialize (what a checkpoint
 * plus a restore does), the write alone (what every checkpoint does per stream), and the in-memory
 * {@link #copy} the heap backend makes while a checkpoint is written (docs/bench/monitor-copy.txt),
 * for a three-channel Lorenz stream after 45 samples (reference period), 2,000 (monitoring under
 * the default warm-up) and 13,000. The setup prints the bytes per stream (and, at 45 samples, the
 * heap per stream). Score = microseconds per stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MonitorStateBenchmarks {

  @Param({"45", "2000", "13000"})
  public int samples;

  private StreamMonitor monitor;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ScenarioSeries s =
        new Scenario(SystemFamily.LORENZ, ChangeKind.STUCK_SENSOR, 0.02, 15_000, 14_000, 4)
            .generate();
    monitor = new StreamMonitor("stream-00042", 3, MonitorConfig.defaults(), 9);
    for (int t = 0; t < samples; t++) monitor.update(s.times()[t], s.values()[t]);
    System.out.println("bytes per stream after " + samples + " samples: " + write(monitor).length);
    if (samples < 100) System.out.println("heap per stream (approx.): " + heapPerStream(s) + " B");
  }

  /** Used heap after a full GC, per monitor, over 2,000 monitors fed the first samples. */
  private long heapPerStream(ScenarioSeries s) {
    int n = 2_000;
    long before = usedAfterGc();
    StreamMonitor[] many = new StreamMonitor[n];
    for (int i = 0; i < n; i++) {
      many[i] = new StreamMonitor("stream-" + i, 3, MonitorConfig.defaults(), 9);
      for (int t = 0; t < samples; t++) many[i].update(s.times()[t], s.values()[t]);
    }
    long after = usedAfterGc();
    return many.length == n ? (after - before) / n : 0;
  }

  private static long usedAfterGc() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return r.totalMemory() - r.freeMemory();
  }

  /** The in-memory copy Flink's heap backend makes when a stream updates during a checkpoint. */
  @Benchmark
  public StreamMonitor copy() {
    return StreamMonitorState.copy(monitor);
  }

  /**
   * What a checkpoint writes per stream, into a stream that keeps nothing (docs/bench/
   * monitor-state-write.txt): the write's own cost, not the storage's.
   */
  @Benchmark
  public int write() throws IOException {
    var out = new DataOutputStream(OutputStream.nullOutputStream());
    StreamMonitorState.write(monitor, out);
    return out.size();
  }

  @Benchmark
  public StreamMonitor serializeAndDeserialize() throws IOException {
    return read(write(monitor));
  }

  private static byte[] write(StreamMonitor m) throws IOException {
    var bytes = new ByteArrayOutputStream(4096);
    StreamMonitorState.write(m, new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static StreamMonitor read(byte[] bytes) throws IOException {
    return StreamMonitorState.read(
        new DataInputStream(new ByteArrayInputStream(bytes)), MonitorConfig.defaults());
  }
}
