package io.chaoscast.models.bench;

import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one block of a monitored stream costs: {@code hop} samples fed to a three-channel Lorenz
 * stream's monitor after its warm-up (MonitorConfig.defaults()), the last of which computes the
 * block's signals. The samples cycle through 10,000 stationary samples with time running on, so the
 * monitor stays in its monitoring phase. Score = microseconds per block.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MonitorUpdateBenchmarks {

  private static final int LOOP = 10_000;

  private StreamMonitor monitor;
  private double[][] values;
  private double dt;
  private long next;
  private int hop;

  @Setup(Level.Trial)
  public void setUp() {
    MonitorConfig config = MonitorConfig.defaults();
    int warmup = config.referenceSamples() + config.calibrationSamples();
    ScenarioSeries s =
        new Scenario(SystemFamily.LORENZ, ChangeKind.NONE, 0.02, warmup + 2 * LOOP, 0, 4)
            .generate();
    dt = s.times()[1] - s.times()[0];
    monitor = new StreamMonitor("stream-00042", 3, config, 9);
    int t = 0;
    while (!monitor.monitoring()) {
      monitor.update(s.times()[t], s.values()[t]);
      t++;
    }
    values = java.util.Arrays.copyOfRange(s.values(), t, t + LOOP);
    next = t;
    hop = config.hop();
  }

  @Benchmark
  public List<AlertEvent> oneBlock() {
    List<AlertEvent> events = List.of();
    for (int i = 0; i < hop; i++, next++) {
      events = monitor.update(next * dt, values[(int) (next % LOOP)]);
    }
    return events;
  }
}
