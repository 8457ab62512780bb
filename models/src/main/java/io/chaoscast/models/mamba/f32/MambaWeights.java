package io.chaoscast.models.mamba.f32;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The weights of a Mamba forecaster, independent of DJL, with its architecture and normalisation.
 * Tensors use the canonical names of {@link #tensorShapes}; linear maps are {@code [out, in]} (y =
 * W x + b), the causal conv weight is {@code [K, E]} (tap k multiplies u_{t-K+1+k}), {@code a_log}
 * is {@code [E, N]} with A = -exp(a_log) (Gu and Dao 2023, Sec. 3.6, S4D-Real).
 *
 * <p>{@link #packed()} lays the tensors out in one float array in canonical order with A already
 * negated and exponentiated; {@link ParameterLayout} gives the offsets. Both the Java engine and
 * the CUDA kernels read that layout.
 */
public final class MambaWeights {

  public static final String BLOB = "mamba.f32";

  private final MambaDims dims;
  private final double[] mean;
  private final double[] std;
  private final boolean perContext;
  private final int contextLength;
  private final String modelId;
  private final Map<String, float[]> tensors;
  private final NvarResidual residual;

  /** Weights with the training data's normalisation. */
  public MambaWeights(
      MambaDims dims,
      double[] mean,
      double[] std,
      int contextLength,
      String modelId,
      Map<String, float[]> tensors) {
    this(dims, new Scaling(mean, std, false), contextLength, modelId, tensors);
  }

  public MambaWeights(
      MambaDims dims,
      Scaling scaling,
      int contextLength,
      String modelId,
      Map<String, float[]> tensors) {
    this(dims, scaling, contextLength, modelId, tensors, null);
  }

  /**
   * @param residual the NVAR base whose residual the network decodes, or null for a network that
   *     decodes the samples themselves
   */
  public MambaWeights(
      MambaDims dims,
      Scaling scaling,
      int contextLength,
      String modelId,
      Map<String, float[]> tensors,
      NvarResidual residual) {
    double[] mean = scaling.mean();
    double[] std = scaling.std();
    if (mean.length != dims.channels() || std.length != dims.channels()) {
      throw new IllegalArgumentException("normalisation must have one mean and SD per channel");
    }
    this.dims = dims;
    this.mean = mean.clone();
    this.std = std.clone();
    this.perContext = scaling.perContext();
    this.contextLength = contextLength;
    this.modelId = modelId;
    if (residual != null
        && (residual.channels() != dims.channels() || residual.patch() != dims.patch())) {
      throw new IllegalArgumentException("NVAR residual does not match the channels and patch");
    }
    if (residual != null && dims.residualOutput()) {
      throw new IllegalArgumentException(
          "an NVAR residual and residual output both change what the decoder predicts");
    }
    if (residual != null && scaling.perContext()) {
      throw new IllegalArgumentException(
          "an NVAR residual needs the training normalisation, not per-context scaling");
    }
    this.residual = residual;
    Map<String, int[]> shapes = tensorShapes(dims);
    this.tensors = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : shapes.entrySet()) {
      float[] v = tensors.get(e.getKey());
      int size = 1;
      for (int s : e.getValue()) size *= s;
      if (v == null || v.length != size) {
        throw new IllegalArgumentException(
            "tensor '"
                + e.getKey()
                + "' missing or of the wrong size ("
                + (v == null ? 0 : v.length)
                + " != "
                + size
                + ")");
      }
      this.tensors.put(e.getKey(), v.clone());
    }
  }

  public MambaDims dims() {
    return dims;
  }

  public double[] mean() {
    return mean.clone();
  }

  public double[] std() {
    return std.clone();
  }

  /** How contexts are put on the model's scale (training statistics or RevIN per context). */
  public Scaling scaling() {
    return new Scaling(mean, std, perContext);
  }

  public int contextLength() {
    return contextLength;
  }

  public String modelId() {
    return modelId;
  }

  /** The NVAR base the network's patches are residuals of, or null ({@link NvarResidual}). */
  public NvarResidual residual() {
    return residual;
  }

  public float[] tensor(String name) {
    return tensors.get(name).clone();
  }

  /** Canonical tensor names and shapes, in file order. */
  public static Map<String, int[]> tensorShapes(MambaDims d) {
    int dm = d.modelDim(), e = d.innerDim(), n = d.stateDim(), k = d.convWidth(), r = d.dtRank();
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put("embed.weight", new int[] {dm, d.tokenDim()});
    m.put("embed.bias", new int[] {dm});
    for (int l = 0; l < d.layers(); l++) {
      String p = "layers." + l + ".";
      m.put(p + "norm.gain", new int[] {dm});
      m.put(p + "in_proj.weight", new int[] {2 * e, dm});
      m.put(p + "conv.weight", new int[] {k, e});
      m.put(p + "conv.bias", new int[] {e});
      m.put(p + "x_proj.weight", new int[] {d.xProjDim(), e});
      m.put(p + "dt_proj.weight", new int[] {e, r});
      m.put(p + "dt_proj.bias", new int[] {e});
      m.put(p + "a_log", new int[] {e, n});
      m.put(p + "d", new int[] {e});
      m.put(p + "out_proj.weight", new int[] {dm, e});
    }
    m.put("norm_f.gain", new int[] {dm});
    m.put("head.weight", new int[] {d.patchDim(), dm});
    m.put("head.bias", new int[] {d.patchDim()});
    return m;
  }

  /** All tensors in canonical order, with each {@code a_log} replaced by A = -exp(a_log). */
  public float[] packed() {
    ParameterLayout layout = new ParameterLayout(dims);
    float[] out = new float[layout.total()];
    int o = 0;
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      float[] v = e.getValue();
      if (e.getKey().endsWith(".a_log")) {
        for (int i = 0; i < v.length; i++) out[o + i] = (float) -Math.exp(v[i]);
      } else {
        System.arraycopy(v, 0, out, o, v.length);
      }
      o += v.length;
    }
    return out;
  }

  /**
   * Writes {@code dir/mamba.f32} and {@code dir/mamba.f32.json}, and the {@link NvarResidual} file
   * that the index names when there is one.
   */
  public void write(Path dir) throws IOException {
    if (residual != null) residual.write(dir);
    F32Tensors.write(dir.resolve(BLOB), meta(), tensors, tensorShapes(dims));
  }

  private Map<String, Object> meta() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "mamba");
    m.put("model_id", modelId);
    m.put("channels", dims.channels());
    m.put("embedding_delay", dims.delay());
    m.put("embedding_dimension", dims.dimension());
    m.put("patch", dims.patch());
    m.put("model_dim", dims.modelDim());
    m.put("layers", dims.layers());
    m.put("expand", dims.expand());
    m.put("state_dim", dims.stateDim());
    m.put("conv_width", dims.convWidth());
    m.put("dt_rank", dims.dtRank());
    m.put("residual_output", dims.residualOutput());
    m.put("rms_epsilon", 1e-5);
    m.put("context_length", contextLength);
    m.put("normalisation_mean", toList(mean));
    m.put("normalisation_std", toList(std));
    m.put("normalisation", perContext ? Scaling.PER_CONTEXT : Scaling.TRAINING);
    if (residual != null) m.put(RESIDUAL_KEY, NvarResidual.FILE);
    return m;
  }

  private static List<Double> toList(double[] v) {
    List<Double> l = new ArrayList<>();
    for (double x : v) l.add(x);
    return l;
  }

  /** The index key that names the {@link NvarResidual} file. */
  static final String RESIDUAL_KEY = "nvar_residual";

  /**
   * Reads {@code dir/mamba.f32}, its index and the {@link NvarResidual} the index names; needs
   * nothing but Jackson.
   */
  public static MambaWeights read(Path dir) throws IOException {
    F32Tensors t = F32Tensors.read(dir.resolve(BLOB));
    Map<String, Object> m = t.meta();
    MambaDims dims =
        new MambaDims(
            num(m, "channels"),
            num(m, "embedding_delay"),
            num(m, "embedding_dimension"),
            num(m, "patch"),
            num(m, "model_dim"),
            num(m, "layers"),
            num(m, "expand"),
            num(m, "state_dim"),
            num(m, "conv_width"),
            num(m, "dt_rank"),
            Boolean.TRUE.equals(m.get("residual_output")));
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : tensorShapes(dims).entrySet()) {
      values.put(e.getKey(), t.get(e.getKey(), e.getValue()));
    }
    return new MambaWeights(
        dims,
        new Scaling(
            doubles(m, "normalisation_mean"),
            doubles(m, "normalisation_std"),
            Scaling.perContext((String) m.get("normalisation"))),
        num(m, "context_length"),
        String.valueOf(m.get("model_id")),
        values,
        m.containsKey(RESIDUAL_KEY) ? NvarResidual.read(dir, dims.channels(), dims.patch()) : null);
  }

  private static int num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number n))
      throw new IllegalArgumentException("f32 index lacks '" + key + "'");
    return n.intValue();
  }

  private static double[] doubles(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof List<?> l))
      throw new IllegalArgumentException("f32 index lacks '" + key + "'");
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
    return out;
  }

  /**
   * A tiny untrained model from a seed, without DJL (for benchmarks and GPU checks): linear weights
   * uniform in +-1/sqrt(fan-in), zero biases, Mamba's dt bias (softplus(bias) log-uniform in [1e-3,
   * 1e-1]), S4D-Real A_en = -(n + 1), D = 1, unit norm gains; identity normalisation.
   */
  public static MambaWeights random(MambaDims dims, int contextLength, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : tensorShapes(dims).entrySet()) {
      String name = e.getKey();
      int[] s = e.getValue();
      int size = 1;
      for (int x : s) size *= x;
      float[] v = new float[size];
      if (name.endsWith(".gain") || name.endsWith(".d")) {
        java.util.Arrays.fill(v, 1f);
      } else if (name.endsWith("a_log")) {
        for (int i = 0; i < size; i++) v[i] = (float) Math.log(i % dims.stateDim() + 1);
      } else if (name.endsWith("dt_proj.bias")) {
        for (int i = 0; i < size; i++) {
          double dt =
              Math.exp(rnd.nextDouble() * (Math.log(0.1) - Math.log(0.001)) + Math.log(0.001));
          v[i] = (float) Math.log(Math.expm1(dt)); // inverse softplus
        }
      } else if (name.endsWith(".weight")) {
        int fanIn = name.endsWith("conv.weight") ? s[0] : s[1];
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < size; i++) v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
      } // other biases stay zero
      values.put(name, v);
    }
    double[] mean = new double[dims.channels()];
    double[] std = new double[dims.channels()];
    java.util.Arrays.fill(std, 1);
    return new MambaWeights(dims, mean, std, contextLength, "mamba-random-" + seed, values);
  }
}
