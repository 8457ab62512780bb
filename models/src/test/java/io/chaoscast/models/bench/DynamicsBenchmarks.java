package io.chaoscast.models.bench;

import io.chaoscast.models.embedding.DelayEmbedding;
import io.chaoscast.models.embedding.DelayEstimator;
import io.chaoscast.models.embedding.EmbeddingEstimator;
import io.chaoscast.models.embedding.EmbeddingParameters;
import io.chaoscast.models.integrate.DormandPrince54;
import io.chaoscast.models.integrate.FlowPropagator;
import io.chaoscast.models.integrate.Propagator;
import io.chaoscast.models.integrate.Rk4;
import io.chaoscast.models.integrate.TrajectorySampler;
import io.chaoscast.models.invariants.CorrelationDimension;
import io.chaoscast.models.invariants.Rosenstein;
import io.chaoscast.models.signal.Fft;
import io.chaoscast.models.systems.Lorenz63;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Integration throughput (Lorenz63 steps per second) and the cost of estimating embedding
 * parameters, lambda_1 (Rosenstein) and D2 (Grassberger-Procaccia) on 10^4 points of Lorenz63 x(t)
 * sampled at dt = 0.01.
 */
@State(Scope.Thread)
public class DynamicsBenchmarks {

  private static final int STEPS = 1000;

  private final Lorenz63 lorenz = Lorenz63.classic();
  private Rk4 rk4;
  private DormandPrince54 dp;
  private double[] state;
  private double[] x;
  private double[][] vectors;
  private int theiler;

  @Setup
  public void setUp() {
    rk4 = new Rk4(lorenz);
    dp = new DormandPrince54(lorenz, 1e-9, 1e-12);
    state = lorenz.initialState();
    Propagator p = FlowPropagator.rk4(lorenz);
    x = TrajectorySampler.sample(p, p.initialState(), 10_000, 0.01, 50).channel(0);
    int tau = DelayEstimator.estimate(x).tau();
    vectors = DelayEmbedding.embed(x, tau, 3);
    theiler = (int) Math.ceil(Fft.meanPeriod(x));
  }

  /** Throughput in RK4 steps per second (h = 0.001). */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public double rk4Steps() {
    for (int i = 0; i < STEPS; i++) rk4.step(state, 0.001);
    if (Math.abs(state[0]) > 1e3) state = lorenz.initialState();
    return state[0];
  }

  /** Throughput in Dormand-Prince 5(4) steps per second (fixed h = 0.001, error estimated). */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public double dormandPrinceSteps() {
    double e = 0;
    for (int i = 0; i < STEPS; i++) e += dp.step(state, 0.001);
    if (Math.abs(state[0]) > 1e3) state = lorenz.initialState();
    return e;
  }

  /** tau (AMI), m by Cao and FNN (m <= 8) on 10^4 samples. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public EmbeddingParameters embeddingParameters() {
    return EmbeddingEstimator.estimate(new double[][] {x});
  }

  /** Rosenstein lambda_1 on 10^4 delay vectors, 600-step divergence curve. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double lyapunovRosenstein() {
    return Rosenstein.estimate(vectors, 0.01, theiler, 600).estimate().value();
  }

  /** Grassberger-Procaccia D2 on 10^4 delay vectors (2000 reference points). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double correlationDimension() {
    return CorrelationDimension.estimate(vectors, theiler).value();
  }
}
