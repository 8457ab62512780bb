package io.chaoscast.models.bench;

import io.chaoscast.models.baselines.NvarForecaster;
import java.util.Random;
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
 * What one NVAR forecast costs as a stream's channel count grows, on the job's default shape (a
 * 200-sample context, 20 steps ahead, k = 2, s = 1). NVAR fits a ridge regression per window on
 * (kd)(kd + 3)/2 features, so the cost grows roughly with the sixth power of the channel count;
 * this measurement sets the default of {@code limits.max_model_channels}, above which the job
 * serves persistence instead. Score = ms per window.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NvarChannelScalingBenchmarks {

  @Param({"3", "8", "12", "16", "24"})
  public int channels;

  private final NvarForecaster nvar = new NvarForecaster(2, 1, 1e-6);
  private double[][][] context;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(7);
    double[][] window = new double[200][channels];
    for (int t = 0; t < window.length; t++)
      for (int c = 0; c < channels; c++)
        window[t][c] = Math.sin(0.05 * t * (c + 1)) + 0.1 * random.nextGaussian();
    context = new double[][][] {window};
  }

  @Benchmark
  public double[][][] forecastOneWindow() {
    return nvar.forecast(context, 20);
  }
}
