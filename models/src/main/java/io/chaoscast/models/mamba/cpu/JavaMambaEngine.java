package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.f32.FlatBatch;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.Scaling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Pure-Java Mamba inference over the portable f32 export: the same forecast as {@code
 * MambaForecaster} (DJL) to float rounding, with no native code. The batch is split across a
 * ForkJoinPool with one worker per available core; each worker reuses one {@link MambaStream}.
 * Close it to stop the pool.
 */
public final class JavaMambaEngine implements Forecaster, AutoCloseable {

  private static final long serialVersionUID = 1L;

  private final MambaDims dims;
  private final Scaling scaling;
  private final float[] packed;
  private final String id;
  private final transient ForkJoinPool pool;
  private final transient ThreadLocal<MambaStream> streams;

  public JavaMambaEngine(MambaWeights weights) {
    this(weights, Runtime.getRuntime().availableProcessors());
  }

  public JavaMambaEngine(MambaWeights weights, int threads) {
    dims = weights.dims();
    scaling = weights.scaling();
    packed = weights.packed();
    id = weights.modelId();
    pool = new ForkJoinPool(threads);
    streams = ThreadLocal.withInitial(() -> new MambaStream(dims, packed));
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

  @Override
  public String id() {
    return id;
  }

  @Override
  public int minContextLength() {
    return dims.minContextLength();
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
