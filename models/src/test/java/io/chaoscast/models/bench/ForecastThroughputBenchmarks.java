package io.chaoscast.models.bench;

import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.mamba.cpu.JavaMambaEngine;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.training.BaselineTrainer;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batched inference throughput of the shipped default model ({@code models/default}, run from the
 * repository root) on the demo's shape: B Lorenz63 contexts of 200 samples x 3 channels at 0.01 s,
 * horizon 20 samples. Score = batches per second; forecasts per second = score x batch. Persistence
 * and an NVAR fitted on the same data run in the same JMH run for ratios. {@code java} is the Java
 * engine with the kernel it picks in production (the vector kernel: the forks get the incubator
 * module), {@code java-scalar} the same engine forced onto its scalar reference kernel.
 *
 * <p>Besides the score, {@link CpuCost} counts the process CPU time spent inside the calls and the
 * forecasts made: their quotient is the CPU cost of one forecast, which, unlike the score, does not
 * depend on how much of the machine other processes take (the machine this runs on is shared).
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForecastThroughputBenchmarks {

  static final int CONTEXT = 200;
  static final int HORIZON = 20;

  @Param({"1", "16", "128", "1024"})
  public int batch;

  @Param({"java", "java-scalar", "djl", "persistence", "nvar"})
  public String engine;

  private Forecaster forecaster;
  private AutoCloseable closer;
  private double[][][] contexts;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Path.of("models/default");
    if (!Files.isDirectory(dir)) dir = Path.of("default"); // run from models/
    Dataset lorenz = Dataset.simulate("lorenz63", 3000, 112);
    switch (engine) {
      case "java" -> {
        JavaMambaEngine e = JavaMambaEngine.load(dir);
        forecaster = e;
        closer = e;
      }
      case "java-scalar" -> {
        JavaMambaEngine e =
            new JavaMambaEngine(
                MambaWeights.read(dir),
                Runtime.getRuntime().availableProcessors(),
                JavaMambaEngine.Kernel.SCALAR);
        forecaster = e;
        closer = e;
      }
      case "djl" -> {
        LoadedModel m = ModelArtifacts.load(dir);
        forecaster = m.forecaster();
        closer = m;
      }
      case "persistence" -> forecaster = new PersistenceForecaster();
      case "nvar" -> {
        TrainedModel t = BaselineTrainer.nvar(lorenz, 2400, CONTEXT, HORIZON);
        forecaster = t.forecaster();
      }
      default -> throw new IllegalArgumentException(engine);
    }
    double[][] x = lorenz.values();
    contexts = new double[batch][][];
    for (int b = 0; b < batch; b++) {
      int start = (b * 7) % (x.length - CONTEXT);
      contexts[b] = Arrays.copyOfRange(x, start, start + CONTEXT);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (closer != null) closer.close();
  }

  @Benchmark
  public double[][][] forecast(CpuCost cost) {
    long before = CpuCost.processCpuNanos();
    double[][][] out = forecaster.forecast(contexts, HORIZON);
    cost.cpuMicros += (CpuCost.processCpuNanos() - before) / 1e3;
    cost.forecasts += batch;
    return out;
  }

  /**
   * Per-iteration totals (JMH secondary results): process CPU microseconds inside {@link #forecast}
   * (every thread of the JVM, so the engine's pool workers count) and forecasts made.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuCost {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public double cpuMicros;
    public long forecasts;

    @Setup(Level.Iteration)
    public void clear() {
      cpuMicros = 0;
      forecasts = 0;
    }

    static long processCpuNanos() {
      return OS.getProcessCpuTime();
    }
  }
}
