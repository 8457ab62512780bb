package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.f32.FlatBatch;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.NvarResidual;
import io.chaoscast.models.mamba.f32.Scaling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.Supplier;

/**
 * Pure-Java Mamba inference over the portable f32 export: the same forecast as {@code
 * MambaForecaster} (DJL) to float rounding, with no native code. The batch is split across a
 * ForkJoinPool with one worker per available core; each worker reuses one {@link MambaStream}.
 * Close it to stop the pool.
 *
 * <p>Two kernels compute a token: {@link Kernel#VECTOR} (explicit SIMD through the incubating
 * {@code jdk.incubator.vector} module, several times cheaper on x86) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, else {@link Kernel#SCALAR}, the reference, on any
 * JVM. The choice is made at construction and logged once.
 */
public final class JavaMambaEngine implements Forecaster, AutoCloseable {

  private static final long serialVersionUID = 1L;

  /** The JVM option that makes {@link Kernel#VECTOR} available. */
  public static final String VECTOR_OPTION = "--add-modules jdk.incubator.vector";

  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  /** How a token is computed. */
  public enum Kernel {
    /** Plain scalar loops: the reference, on every JVM. */
    SCALAR,
    /** The JDK's incubating vector API; needs {@link #VECTOR_OPTION}. */
    VECTOR;

    /**
     * VECTOR when the module is in the boot layer and the machine is x86-64 (where JDK 17 compiles
     * the vector exp to SVML; elsewhere it falls back to a slow per-lane loop), else SCALAR.
     */
    public static Kernel best() {
      String arch = System.getProperty("os.arch", "");
      boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
      return vectorAvailable() && x86 ? VECTOR : SCALAR;
    }

    static boolean vectorAvailable() {
      return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }
  }

  private final MambaDims dims;
  private final Scaling scaling;
  private final NvarResidual residual;
  private final float[] packed;
  private final String id;
  private final Kernel kernel;
  private final transient ForkJoinPool pool;
  private final transient ThreadLocal<MambaStream> streams;

  public JavaMambaEngine(MambaWeights weights) {
    this(weights, Runtime.getRuntime().availableProcessors());
  }

  public JavaMambaEngine(MambaWeights weights, int threads) {
    this(weights, threads, Kernel.best());
  }

  /**
   * @throws IllegalArgumentException for {@link Kernel#VECTOR} on a JVM without {@link
   *     #VECTOR_OPTION}
   */
  public JavaMambaEngine(MambaWeights weights, int threads, Kernel kernel) {
    if (kernel == Kernel.VECTOR && !Kernel.vectorAvailable()) {
      throw new IllegalArgumentException(
          "the vector kernel of the Java Mamba engine needs the JVM option " + VECTOR_OPTION);
    }
    dims = weights.dims();
    scaling = weights.scaling();
    residual = weights.residual();
    packed = weights.packed();
    id = weights.modelId();
    this.kernel = kernel;
    pool = new ForkJoinPool(threads);
    // VectorMambaStream is only named on the vector branch, so a JVM without the module never
    // loads it (and never sees a jdk.incubator.vector type).
    Supplier<MambaStream> make =
        kernel == Kernel.VECTOR
            ? VectorMambaStream.factory(dims, packed)
            : () -> new ScalarMambaStream(dims, packed);
    streams = ThreadLocal.withInitial(() -> make.get().withResidual(residual));
    System.getLogger(JavaMambaEngine.class.getName())
        .log(System.Logger.Level.INFO, "Java Mamba engine for {0}: {1}", id, describe());
  }

  /** Loads {@code dir/mamba.f32} (see {@link MambaWeights#read}). */
  public static JavaMambaEngine load(Path dir) throws IOException {
    return new JavaMambaEngine(MambaWeights.read(dir));
  }

  public MambaDims dims() {
    return dims;
  }

  public int parallelism() {
    return pool.getParallelism();
  }

  /** The kernel this engine computes with (see {@link Kernel#best}). */
  public Kernel kernel() {
    return kernel;
  }

  /** E.g. "vector kernel (16 float lanes), 2 threads", for logs and status lines. */
  public String describe() {
    String k =
        kernel == Kernel.VECTOR
            ? "vector kernel (" + VectorMambaStream.lanes() + " float lanes)"
            : "scalar kernel"
                + (Kernel.vectorAvailable()
                    ? ""
                    : " (start the JVM with " + VECTOR_OPTION + " for the vector kernel)");
    return k + ", " + pool.getParallelism() + " threads";
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int minContextLength() {
    return residual == null
        ? dims.minContextLength()
        : Math.max(dims.minContextLength(), residual.lookback());
  }

  @Override
  public double[][][] forecast(double[][][] contexts, int horizon) {
    FlatBatch.Standardised in = FlatBatch.standardise(contexts, scaling);
    float[] out = forecastStandardised(in.values(), in.batch(), in.length(), horizon);
    return FlatBatch.destandardise(out, horizon, in);
  }

  /**
   * The flat form the benchmarks use: {@code contexts [B][L][d]} already standardised, row-major;
   * returns the standardised forecasts {@code [B][H][d]}.
   */
  public float[] forecastStandardised(float[] contexts, int batch, int length, int horizon) {
    if (length < minContextLength()) {
      throw new IllegalArgumentException(
          "context of " + length + " samples is shorter than " + minContextLength());
    }
    if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1");
    int ch = dims.channels();
    float[] out = new float[batch * horizon * ch];
    int grain = Math.max(1, batch / (8 * pool.getParallelism()));
    pool.invoke(new Slice(contexts, out, 0, batch, grain, length, horizon));
    return out;
  }

  /** A range of streams, split in halves until it is at most {@code grain} long. */
  private final class Slice extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient float[] in;
    private final transient float[] out;
    private final int from;
    private final int to;
    private final int grain;
    private final int length;
    private final int horizon;

    Slice(float[] in, float[] out, int from, int to, int grain, int length, int horizon) {
      this.in = in;
      this.out = out;
      this.from = from;
      this.to = to;
      this.grain = grain;
      this.length = length;
      this.horizon = horizon;
    }

    @Override
    protected void compute() {
      if (to - from > grain) {
        int mid = (from + to) >>> 1;
        invokeAll(
            new Slice(in, out, from, mid, grain, length, horizon),
            new Slice(in, out, mid, to, grain, length, horizon));
        return;
      }
      MambaStream s = streams.get();
      int ch = dims.channels();
      for (int b = from; b < to; b++) {
        s.forecast(in, b * length * ch, length, horizon, out, b * horizon * ch);
      }
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
