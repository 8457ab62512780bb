package io.chaoscast.models.mamba.cuda;

import io.chaoscast.models.mamba.cpu.JavaMambaEngine;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.ParameterLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The GPU script's benchmark (load-tests/gpu/run.sh), with no DJL on the classpath: builds a tiny
 * random-weight Mamba model from a seed, writes and re-reads its portable export, then (a) checks
 * the CUDA kernels against the pure-Java engine on fresh random contexts (relative error, NaN,
 * every output written) and (b) prints a Markdown table of throughput and latency over batch sizes
 * for CUDA and the all-core Java path, with the CUDA kernels' achieved GB/s and FLOP/s counted
 * analytically ({@link Cost}).
 *
 * <p>Options: {@code --batches 1,16,...} {@code --context 30} {@code --horizon 300} {@code --seed
 * 7} {@code --cpu-budget-s 20} (largest projected time of one CPU batch) {@code --require-gpu}
 * (exit 2 when CUDA is unusable instead of running the CPU path alone) {@code --out DIR}. Exit
 * status: 0 ok, 1 check failed, 2 no GPU with --require-gpu.
 */
public final class GpuBench {

  /** The benchmark model: d = 3 (Lorenz-like), tau 2, m 3, P 5, D 32, 2 layers, E 64, N 16, K 4. */
  public static final MambaDims DIMS = new MambaDims(3, 2, 3, 5, 32, 2, 2, 16, 4, 2, false);

  static final double TOLERANCE = 1e-4;

  private GpuBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> batches = List.of(1, 16, 256, 1024, 4096, 16384, 65536);
    int context = 30;
    int horizon = 300;
    long seed = 7;
    double cpuBudget = 20;
    boolean requireGpu = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--batches" -> {
          List<Integer> b = new ArrayList<>();
          for (String s : args[++i].split(",")) b.add(Integer.parseInt(s.trim()));
          batches = b;
        }
        case "--context" -> context = Integer.parseInt(args[++i]);
        case "--horizon" -> horizon = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--cpu-budget-s" -> cpuBudget = Double.parseDouble(args[++i]);
        case "--require-gpu" -> requireGpu = true;
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(64);
        }
      }
    }
    Path dir = out != null ? out : Files.createTempDirectory("mamba-bench");
    MambaWeights.random(DIMS, context, seed).write(dir);
    MambaWeights weights = MambaWeights.read(dir);
    Cost cost = new Cost(DIMS, context, horizon);
    System.out.printf(Locale.ROOT, "# Mamba forecaster: CUDA vs pure Java%n%n");
    System.out.printf(
        Locale.ROOT,
        "model %s, %d parameters, context %d, horizon %d, seed %d, export %s%n",
        DIMS,
        new ParameterLayout(DIMS).total(),
        context,
        horizon,
        seed,
        dir.resolve(MambaWeights.BLOB));
    System.out.printf(
        Locale.ROOT,
        "java: %s, %d cores%n",
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors());
    CudaProbe.Result probe = CudaProbe.probe();
    System.out.println("cuda: " + probe.reason());
    int status = 0;
    try (JavaMambaEngine cpu = new JavaMambaEngine(weights)) {
      if (!probe.available()) {
        if (requireGpu) {
          System.out.println("FAIL: --require-gpu and " + probe.reason());
          System.exit(2);
        }
        System.out.println("running the CPU path only\n");
        table(null, cpu, batches, context, horizon, cpuBudget, cost, seed);
        return;
      }
      try (CudaMambaEngine gpu = new CudaMambaEngine(weights)) {
        System.out.printf(
            Locale.ROOT,
            "kernel: one warp per stream, %d streams per block, %d B shared per block%n%n",
            gpu.warpsPerBlock(),
            gpu.warpsPerBlock() * CudaMambaEngine.sharedFloatsPerStream(DIMS) * 4);
        boolean ok = check(gpu, cpu, context, horizon, seed);
        saveReference(dir, cpu, context, horizon, seed);
        status = ok ? 0 : 1;
        table(gpu, cpu, batches, context, horizon, cpuBudget, cost, seed);
      }
    }
    // after the first engine's context is gone: one CUDA context at a time on this thread
    if (!checkResidualOutput(dir.resolve("residual"), context, seed)) status = 1;
    System.exit(status);
  }

  /**
   * Check (a) again for a model with residual output (the kernel adds the token's last sample),
   * over a short horizon: a random network plus the identity drifts over long rollouts.
   */
  static boolean checkResidualOutput(Path dir, int context, long seed) throws IOException {
    MambaDims d = DIMS;
    MambaDims residual =
        new MambaDims(
            d.channels(),
            d.delay(),
            d.dimension(),
            d.patch(),
            d.modelDim(),
            d.layers(),
            d.expand(),
            d.stateDim(),
            d.convWidth(),
            d.dtRank(),
            true);
    Files.createDirectories(dir);
    MambaWeights.random(residual, context, seed).write(dir);
    MambaWeights w = MambaWeights.read(dir);
    System.out.println("\n### Residual output (horizon 30)\n");
    try (JavaMambaEngine cpu = new JavaMambaEngine(w);
        CudaMambaEngine gpu = new CudaMambaEngine(w)) {
      return check(gpu, cpu, context, 30, seed);
    }
  }

  /** Check (a): CUDA (fused and split) against Java on fresh random contexts. */
  static boolean check(
      CudaMambaEngine gpu, JavaMambaEngine cpu, int context, int horizon, long seed) {
    boolean ok = true;
    System.out.println("## Check: CUDA vs pure-Java reference\n");
    System.out.println("| batch | kernels | max rel. error | NaN/unwritten | result |");
    System.out.println("|---:|---|---:|---:|---|");
    for (int batch : new int[] {1, 37, 1024}) {
      float[] ctx = contexts(batch, context, seed * 1000 + batch);
      float[] ref = cpu.forecastStandardised(ctx, batch, context, horizon);
      for (CudaMambaEngine.Mode mode : CudaMambaEngine.Mode.values()) {
        float[] got = new float[ref.length];
        gpu.forecastStandardised(ctx, batch, context, horizon, got, mode);
        double worst = 0;
        int bad = 0;
        for (int i = 0; i < ref.length; i++) {
          if (!Float.isFinite(got[i])) {
            bad++;
            continue;
          }
          double err = Math.abs(got[i] - ref[i]) / Math.max(1.0, Math.abs(ref[i]));
          worst = Math.max(worst, err);
        }
        boolean pass = bad == 0 && worst < TOLERANCE && allFinite(ref);
        ok &= pass;
        System.out.printf(
            Locale.ROOT,
            "| %d | %s | %.2e | %d | %s |%n",
            batch,
            mode.name().toLowerCase(Locale.ROOT),
            worst,
            bad,
            pass ? "ok" : "FAIL");
      }
    }
    System.out.println(
        "\nrelative error = |cuda - java| / max(1, |java|) over every standardised output sample, tolerance "
            + TOLERANCE
            + (ok ? ": PASS" : ": FAIL")
            + "\n");
    return ok;
  }

  /** Contexts and Java forecasts of 37 streams for torch_eager.py's own check (raw float32 LE). */
  static void saveReference(Path dir, JavaMambaEngine cpu, int context, int horizon, long seed)
      throws java.io.IOException {
    float[] ctx = contexts(37, context, seed * 1000 + 37);
    write(dir.resolve("check_ctx.f32"), ctx);
    write(dir.resolve("check_java.f32"), cpu.forecastStandardised(ctx, 37, context, horizon));
  }

  private static void write(Path file, float[] v) throws java.io.IOException {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    Files.write(file, b.array());
  }

  private static boolean allFinite(float[] v) {
    for (float x : v) if (!Float.isFinite(x)) return false;
    return true;
  }

  /** Check (b): the timing table. {@code gpu} may be null (CPU path only). */
  static void table(
      CudaMambaEngine gpu,
      JavaMambaEngine cpu,
      List<Integer> batches,
      int context,
      int horizon,
      double cpuBudget,
      Cost cost,
      long seed) {
    System.out.println(
        "## Throughput and latency (context " + context + ", horizon " + horizon + ")\n");
    System.out.println(
        "| batch | CUDA forecasts/s | CUDA latency ms (end to end) | kernel ms | kernel GB/s | kernel GFLOP/s "
            + "| Java forecasts/s | Java latency ms | speed-up |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    double cpuPerForecast = Double.NaN; // seconds, from the last measured batch
    int ch = DIMS.channels();
    for (int batch : batches) {
      float[] ctx = contexts(batch, context, seed + batch);
      float[] out = new float[batch * horizon * ch];
      String g = "| - | - | - | - | - ";
      double gpuLatency = Double.NaN;
      if (gpu != null) {
        gpu.forecastStandardised(
            ctx, batch, context, horizon, out, CudaMambaEngine.Mode.FUSED); // warm-up
        int reps = batch <= 1024 ? 20 : batch <= 16384 ? 5 : 3;
        double total = 0;
        double kernel = 0;
        for (int r = 0; r < reps; r++) {
          gpu.forecastStandardised(ctx, batch, context, horizon, out, CudaMambaEngine.Mode.FUSED);
          total += gpu.lastTiming().totalMillis();
          kernel += gpu.lastTiming().kernelMillis();
        }
        gpuLatency = total / reps;
        double k = kernel / reps;
        g =
            String.format(
                Locale.ROOT,
                "| %.0f | %.3f | %.3f | %.1f | %.1f ",
                batch / (gpuLatency / 1e3),
                gpuLatency,
                k,
                cost.bytes(batch) / (k / 1e3) / 1e9,
                cost.flops(batch) / (k / 1e3) / 1e9);
      }
      String c;
      double projected = Double.isNaN(cpuPerForecast) ? 0 : cpuPerForecast * batch;
      if (projected > cpuBudget) {
        c = String.format(Locale.ROOT, "| skipped (~%.0f s) | - | - |", projected);
      } else {
        if (batch <= 256) cpu.forecastStandardised(ctx, batch, context, horizon); // warm-up
        int reps = batch <= 16 ? 10 : batch <= 1024 ? 3 : 1;
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) cpu.forecastStandardised(ctx, batch, context, horizon);
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        cpuPerForecast = ms / 1e3 / batch;
        c =
            String.format(
                Locale.ROOT,
                "| %.0f | %.3f | %s |",
                batch / (ms / 1e3),
                ms,
                Double.isNaN(gpuLatency)
                    ? "-"
                    : String.format(Locale.ROOT, "%.1fx", ms / gpuLatency));
      }
      System.out.printf(Locale.ROOT, "| %d %s%s%n", batch, g, c);
    }
    System.out.println(
        "\nlatency = one call for the whole batch (host arrays in, host arrays out; CUDA includes "
            + "H2D, a NaN fill of the output, the kernel and D2H). kernel ms from CUDA events. GB/s counts compulsory "
            + "DRAM traffic (contexts in, forecasts out, weights once); GFLOP/s counts "
            + String.format(Locale.ROOT, "%.0f", cost.flopsPerForecast())
            + " FLOP per forecast (see docs/gpu.md).");
  }

  /** Standard normal contexts [batch][length][d] (already standardised). */
  static float[] contexts(int batch, int length, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] v = new float[batch * length * DIMS.channels()];
    for (int i = 0; i < v.length; i++) {
      double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
      v[i] = (float) (Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  /**
   * Analytic cost of one forecast. FLOPs: a multiply-add is 2; exp, log1p, sqrt and divide count 1
   * each. Per token: embedding 2 T D; per layer RMSNorm 3D + 2, in_proj 4 E D, conv 2 K E, SiLU 3E,
   * x_proj 2 (R + 2N) E, dt_proj 2 R E + softplus 2E, scan 8 E N (exp, mul, sub, div, mul, 2 FMA),
   * D skip 2E, gate 4E, out_proj 2 D E, residual D. Decoded tokens add RMSNorm and the head 2 P d
   * D.
   */
  record Cost(MambaDims d, int context, int horizon) {
    int tokens() {
      return d.tokensIn(context) + (horizon + d.patch() - 1) / d.patch() - 1;
    }

    int decoded() {
      return (horizon + d.patch() - 1) / d.patch();
    }

    double flopsPerForecast() {
      double dm = d.modelDim(), e = d.innerDim(), n = d.stateDim();
      double layer =
          3 * dm
              + 2
              + 4 * e * dm
              + 2 * d.convWidth() * e
              + 3 * e
              + 2 * d.xProjDim() * e
              + 2 * d.dtRank() * e
              + 2 * e
              + 8 * e * n
              + 2 * e
              + 4 * e
              + 2 * dm * e
              + dm;
      double token = 2.0 * d.tokenDim() * dm + d.layers() * layer;
      double head = 3 * dm + 2 + 2.0 * d.patchDim() * dm;
      return tokens() * token + decoded() * head;
    }

    double flops(int batch) {
      return flopsPerForecast() * batch;
    }

    double bytes(int batch) {
      return 4.0 * batch * d.channels() * (context + horizon)
          + 4.0 * new ParameterLayout(d).total();
    }
  }
}
