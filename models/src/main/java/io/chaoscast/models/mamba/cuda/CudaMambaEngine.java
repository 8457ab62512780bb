package io.chaoscast.models.mamba.cuda;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.f32.FlatBatch;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.ParameterLayout;
import io.chaoscast.models.mamba.f32.Scaling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * The Mamba forecaster on an NVIDIA GPU through the CUDA driver API (JCuda): loads the committed
 * PTX ({@code mamba.ptx}, compute_80) with cuModuleLoadData, so it runs on any driver that can JIT
 * it, with no CUDA toolkit installed. One warp per stream; each stream's state stays in shared
 * memory from the first context token to the last forecast sample (see mamba.cu).
 *
 * <p>Owns a CUDA context on device 0 and grows its device buffers to the largest batch seen. Calls
 * are serialised ({@code synchronized}); close it to free the context.
 */
public final class CudaMambaEngine implements Forecaster, AutoCloseable {

  private static final long serialVersionUID = 1L;

  /**
   * System property forcing the PTX ISA version the module is loaded with (e.g. 7.0), to check on a
   * new driver what an old one would be given.
   */
  public static final String PTX_ISA_PROPERTY = "chaoscast.cuda.ptx-isa";

  public static final String PTX_RESOURCE = "/io/chaoscast/models/mamba/cuda/mamba.ptx";

  /** Streams (warps) per block when shared memory allows. */
  private static final int MAX_WARPS_PER_BLOCK = 4;

  private static final int SHARED_LIMIT = 48 * 1024;

  /** Which kernels a forecast launches. */
  public enum Mode {
    /** {@code mamba_forecast}: context scan and rollout in one kernel. */
    FUSED,
    /** {@code mamba_context} then {@code mamba_rollout}, the state parked in global memory. */
    SPLIT
  }

  /** Timing of the last call: kernels only (CUDA events) and the whole call. */
  public record Timing(double kernelMillis, double totalMillis) {}

  private final MambaDims dims;
  private final Scaling scaling;
  private final String id;
  private final int paramFloats;
  private final transient CUcontext context;
  private final transient CUmodule module;
  private final transient CUfunction fused;
  private final transient CUfunction contextKernel;
  private final transient CUfunction rolloutKernel;
  private final transient CUdeviceptr params = new CUdeviceptr();
  private final transient CUdeviceptr dimsBuf = new CUdeviceptr();
  private final transient CUdeviceptr ctxBuf = new CUdeviceptr();
  private final transient CUdeviceptr outBuf = new CUdeviceptr();
  private final transient CUdeviceptr stateBuf = new CUdeviceptr();

  /**
   * Percent of the SM's unified L1/shared memory to carve out as shared memory ({@value
   * #CARVEOUT_PROPERTY}, default {@value #DEFAULT_CARVEOUT}): less shared memory means fewer
   * resident streams but more L1 for the weights every token re-reads.
   */
  public static final String CARVEOUT_PROPERTY = "chaoscast.cuda.carveout";

  public static final int DEFAULT_CARVEOUT = -1;

  private final int carveout = Integer.getInteger(CARVEOUT_PROPERTY, DEFAULT_CARVEOUT);
  private final int warpsPerBlock;
  private final int sharedBytes;
  private long ctxCapacity;
  private long outCapacity;
  private long stateCapacity;
  private Timing lastTiming = new Timing(0, 0);
  private boolean closed;

  /**
   * Creates a context on device 0 and uploads the weights; fails with the reason CUDA is unusable.
   */
  public CudaMambaEngine(MambaWeights weights) {
    if (weights.residual() != null) {
      // The kernels feed each decoded patch straight back on the device; adding the NVAR base there
      // is not written yet, so such a model is served by the Java engine ("auto" falls back).
      throw new CudaUnavailableException(
          weights.modelId()
              + " decodes residuals of an NVAR base, which the CUDA engine does not add yet;"
              + " serve it on the Java engine (device cpu)");
    }
    CudaProbe.Result probe = CudaProbe.probe();
    if (!probe.available()) throw new CudaUnavailableException(probe.reason());
    dims = weights.dims();
    scaling = weights.scaling();
    id = weights.modelId();
    int perWarp = sharedFloatsPerStream(dims) * Float.BYTES;
    if (perWarp > SHARED_LIMIT) {
      throw new IllegalArgumentException(
          "model too large for the warp-per-stream kernel: "
              + perWarp
              + " bytes of shared memory per stream");
    }
    warpsPerBlock = Math.max(1, Math.min(MAX_WARPS_PER_BLOCK, SHARED_LIMIT / perWarp));
    sharedBytes = warpsPerBlock * perWarp;
    context = new CUcontext();
    try {
      CUdevice device = new CUdevice();
      cuDeviceGet(device, 0);
      cuCtxCreate(context, 0, device);
      module = loadModule();
      fused = function(module, "mamba_forecast");
      contextKernel = function(module, "mamba_context");
      rolloutKernel = function(module, "mamba_rollout");
      float[] packed = deviceLayout(weights.packed(), dims);
      paramFloats = packed.length;
      cuMemAlloc(params, 4L * packed.length);
      cuMemcpyHtoD(params, Pointer.to(packed), 4L * packed.length);
      int[] d = {
        dims.channels(),
        dims.delay(),
        dims.dimension(),
        dims.patch(),
        dims.modelDim(),
        dims.layers(),
        dims.innerDim(),
        dims.stateDim(),
        dims.convWidth(),
        dims.dtRank(),
        dims.residualOutput() ? 1 : 0
      };
      cuMemAlloc(dimsBuf, 4L * d.length);
      cuMemcpyHtoD(dimsBuf, Pointer.to(d), 4L * d.length);
    } catch (CudaException e) {
      cuCtxDestroy(context);
      throw new CudaUnavailableException("CUDA engine failed to start: " + e.getMessage(), e);
    }
  }

  public static CudaMambaEngine load(Path dir) throws IOException {
    return new CudaMambaEngine(MambaWeights.read(dir));
  }

  /**
   * The packed parameters as the kernels read them: every matrix transposed (linear maps to
   * [in][out], A to [N][E]) so a warp's lanes read consecutive addresses; offsets unchanged.
   */
  static float[] deviceLayout(float[] packed, MambaDims d) {
    ParameterLayout at = new ParameterLayout(d);
    float[] p = packed.clone();
    int dm = d.modelDim(), e = d.innerDim();
    transpose(packed, p, at.embedWeight(), dm, d.tokenDim());
    for (int l = 0; l < d.layers(); l++) {
      transpose(packed, p, at.inProj(l), 2 * e, dm);
      transpose(packed, p, at.xProj(l), d.xProjDim(), e);
      transpose(packed, p, at.dtWeight(l), e, d.dtRank());
      transpose(packed, p, at.a(l), e, d.stateDim());
      transpose(packed, p, at.outProj(l), dm, e);
    }
    transpose(packed, p, at.headWeight(), d.patchDim(), dm);
    return p;
  }

  private static void transpose(float[] src, float[] dst, int off, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) dst[off + j * rows + i] = src[off + i * cols + j];
    }
  }

  /** Floats of shared memory one stream uses (mamba.cu, {@code shared_floats}). */
  public static int sharedFloatsPerStream(MambaDims d) {
    int e = d.innerDim();
    return d.tokenDim()
        + 2 * d.modelDim()
        + 2 * e
        + e
        + d.xProjDim()
        + e
        + d.layers() * (d.convWidth() - 1) * e
        + d.layers() * e * d.stateDim();
  }

  /**
   * Loads the PTX as nvcc wrote it; a driver older than that nvcc refuses the PTX ISA version
   * (CUDA_ERROR_UNSUPPORTED_PTX_VERSION), so then it retries with {@code .version 7.0}, the first
   * ISA with sm_80: the kernels use no later instruction, which makes them load on every driver
   * from CUDA 11.0 (R450) on.
   */
  private static CUmodule loadModule() {
    String ptx = ptx();
    String isa = System.getProperty(PTX_ISA_PROPERTY);
    if (isa != null) ptx = withIsa(ptx, isa);
    CUmodule m = new CUmodule();
    try {
      cuModuleLoadData(m, cString(ptx));
    } catch (CudaException e) {
      if (!e.getMessage().contains(CUresult.stringFor(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION)))
        throw e;
      cuModuleLoadData(m, cString(withIsa(ptx, "7.0")));
    }
    return m;
  }

  /** The PTX with its {@code .version} directive (PTX ISA) replaced. */
  static String withIsa(String ptx, String isa) {
    if (!isa.matches("\\d+\\.\\d+"))
      throw new IllegalArgumentException("PTX ISA must look like 7.0: " + isa);
    return ptx.replaceFirst("(?m)^\\.version \\d+\\.\\d+", ".version " + isa);
  }

  /** The committed PTX text. */
  public static String ptx() {
    try (InputStream in = CudaMambaEngine.class.getResourceAsStream(PTX_RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + PTX_RESOURCE);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("reading " + PTX_RESOURCE, e);
    }
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  private CUfunction function(CUmodule m, String name) {
    CUfunction f = new CUfunction();
    cuModuleGetFunction(f, m, name);
    cuFuncSetAttribute(
        f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, sharedBytes);
    cuFuncSetAttribute(
        f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT, carveout);
    return f;
  }

  public MambaDims dims() {
    return dims;
  }

  public int parameterFloats() {
    return paramFloats;
  }

  public int warpsPerBlock() {
    return warpsPerBlock;
  }

  public synchronized Timing lastTiming() {
    return lastTiming;
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
    int batch = in.batch();
    float[] out = new float[batch * horizon * dims.channels()];
    forecastStandardised(in.values(), batch, in.length(), horizon, out, Mode.FUSED);
    return FlatBatch.destandardise(out, horizon, in);
  }

  /**
   * Flat form: {@code contexts [B][L][d]} standardised, row-major, into {@code out [B][H][d]}. The
   * output buffer is first filled with NaN on the device, so a sample no kernel wrote shows up.
   */
  public synchronized void forecastStandardised(
      float[] contexts, int batch, int length, int horizon, float[] out, Mode mode) {
    if (closed) throw new IllegalStateException("engine closed");
    if (length < minContextLength()) {
      throw new IllegalArgumentException(
          "context of " + length + " samples is shorter than " + minContextLength());
    }
    int ch = dims.channels();
    long inBytes = 4L * batch * length * ch;
    long outBytes = 4L * batch * horizon * ch;
    if (contexts.length < batch * length * ch || out.length < batch * horizon * ch) {
      throw new IllegalArgumentException("buffers smaller than the batch");
    }
    long start = System.nanoTime();
    cuCtxSetCurrent(context);
    ctxCapacity = ensure(ctxBuf, ctxCapacity, inBytes);
    outCapacity = ensure(outBuf, outCapacity, outBytes);
    cuMemcpyHtoD(ctxBuf, Pointer.to(contexts), inBytes);
    cuMemsetD32(outBuf, Float.floatToRawIntBits(Float.NaN), outBytes / 4);
    CUevent before = new CUevent();
    CUevent after = new CUevent();
    cuEventCreate(before, 0);
    cuEventCreate(after, 0);
    int grid = (batch + warpsPerBlock - 1) / warpsPerBlock;
    int block = 32 * warpsPerBlock;
    cuEventRecord(before, null);
    if (mode == Mode.FUSED) {
      Pointer args =
          Pointer.to(
              Pointer.to(params),
              Pointer.to(dimsBuf),
              Pointer.to(ctxBuf),
              Pointer.to(outBuf),
              Pointer.to(new int[] {batch}),
              Pointer.to(new int[] {length}),
              Pointer.to(new int[] {horizon}));
      cuLaunchKernel(fused, grid, 1, 1, block, 1, 1, sharedBytes, null, args, null);
    } else {
      long stateBytes = 4L * batch * (sharedFloatsPerStream(dims) - activationFloats());
      stateCapacity = ensure(stateBuf, stateCapacity, stateBytes);
      Pointer args =
          Pointer.to(
              Pointer.to(params),
              Pointer.to(dimsBuf),
              Pointer.to(ctxBuf),
              Pointer.to(outBuf),
              Pointer.to(stateBuf),
              Pointer.to(new int[] {batch}),
              Pointer.to(new int[] {length}),
              Pointer.to(new int[] {horizon}));
      cuLaunchKernel(contextKernel, grid, 1, 1, block, 1, 1, sharedBytes, null, args, null);
      cuLaunchKernel(rolloutKernel, grid, 1, 1, block, 1, 1, sharedBytes, null, args, null);
    }
    cuEventRecord(after, null);
    cuEventSynchronize(after);
    float[] ms = {0};
    cuEventElapsedTime(ms, before, after);
    cuEventDestroy(before);
    cuEventDestroy(after);
    cuMemcpyDtoH(Pointer.to(out), outBuf, outBytes);
    cuCtxSynchronize();
    lastTiming = new Timing(ms[0], (System.nanoTime() - start) / 1e6);
  }

  /** Activation floats per stream (the rest of the shared floats is recurrent state). */
  private int activationFloats() {
    int e = dims.innerDim();
    return dims.tokenDim() + 2 * dims.modelDim() + 2 * e + e + dims.xProjDim() + e;
  }

  private static long ensure(CUdeviceptr p, long capacity, long bytes) {
    if (bytes <= capacity) return capacity;
    if (capacity > 0) cuMemFree(p);
    cuMemAlloc(p, bytes);
    return bytes;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    cuCtxSetCurrent(context);
    if (ctxCapacity > 0) cuMemFree(ctxBuf);
    if (outCapacity > 0) cuMemFree(outBuf);
    if (stateCapacity > 0) cuMemFree(stateBuf);
    cuMemFree(params);
    cuMemFree(dimsBuf);
    cuModuleUnload(module);
    cuCtxDestroy(context);
  }
}
