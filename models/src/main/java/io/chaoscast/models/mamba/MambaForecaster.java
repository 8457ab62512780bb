package io.chaoscast.models.mamba;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.chaoscast.models.artifact.ArtifactWeights;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.NvarResidual;
import io.chaoscast.models.mamba.f32.Scaling;
import io.chaoscast.models.metrics.Standardisation;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mamba forecaster: standardises each context with the training normalisation, tokenises it
 * ({@link PatchTokens}), runs the context once through the network ({@link MambaNetwork#prefill},
 * O(L)), then rolls the horizon out in recurrent mode ({@link MambaNetwork#step}), feeding each
 * predicted patch back as the next token and carrying the convolution and SSM states, O(H). The
 * whole batch is one call per token.
 *
 * <p>Holds native memory: close it. Every forecast allocates from a scope that is closed before it
 * returns. Not serialisable in practice (DJL arrays): a Flink operator loads it in {@code open()}
 * from the artifact directory.
 */
public final class MambaForecaster implements Forecaster, ArtifactWeights, AutoCloseable {

  private static final long serialVersionUID = 1L;

  public static final String WEIGHTS = "mamba.params";

  /** Hyperparameter naming the {@link Scaling} mode ({@code training} when absent). */
  public static final String NORMALISATION = "normalisation";

  /**
   * Hyperparameter that is {@code true} when the network decodes residuals of an NVAR base stored
   * beside the weights ({@link NvarResidual}).
   */
  public static final String NVAR_RESIDUAL = "nvar_residual";

  private final MambaConfig config;
  private final Scaling scaling;
  private final int contextLength;
  private final transient Model model;
  private final transient MambaNetwork network;
  private NvarResidual residual;

  MambaForecaster(MambaConfig config, Scaling scaling, int contextLength, Model model) {
    this.config = config;
    this.scaling = scaling;
    this.contextLength = contextLength;
    this.model = model;
    this.network = (MambaNetwork) model.getBlock();
  }

  /** A freshly initialised network (seeded through the engine's random seed). */
  public static MambaForecaster create(
      MambaConfig config, double[] mean, double[] std, int contextLength, long seed) {
    return create(config, new Scaling(mean, std, false), contextLength, seed);
  }

  /** A freshly initialised network with the given normalisation (training or per context). */
  public static MambaForecaster create(
      MambaConfig config, Scaling scaling, int contextLength, long seed) {
    DjlRuntime.engine().setRandomSeed((int) seed);
    Model model = Model.newInstance("mamba", ai.djl.Device.cpu(), "PyTorch");
    MambaNetwork net = config.network();
    model.setBlock(net);
    net.initialize(
        model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, config.tokens().tokenDim()));
    return new MambaForecaster(config, scaling, contextLength, model);
  }

  /** Loads the weights of an artifact whose manifest has been validated. */
  public static MambaForecaster load(Path dir, ModelManifest manifest) throws IOException {
    MambaConfig config = MambaConfig.fromManifest(manifest);
    MambaForecaster f =
        create(
            config,
            new Scaling(
                manifest.normalisationMean(),
                manifest.normalisationStd(),
                Scaling.perContext((String) manifest.hyperparameters().get(NORMALISATION))),
            manifest.contextLength(),
            0);
    try {
      if (Boolean.TRUE.equals(manifest.hyperparameters().get(NVAR_RESIDUAL))) {
        f.useResidual(NvarResidual.read(dir, config.channels(), config.patch()));
      }
      f.loadParameters(dir.resolve(manifest.weightsFile()));
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    return f;
  }

  void loadParameters(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      network.loadParameters(model.getNDManager(), in);
    } catch (MalformedModelException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  void saveParameters(Path file) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          DataOutputStream data = new DataOutputStream(out);
          network.saveParameters(data);
          data.flush();
        });
  }

  MambaNetwork network() {
    return network;
  }

  /** Makes the network's patches residuals of {@code r}'s NVAR (before training or on load). */
  void useResidual(NvarResidual r) {
    if (r != null && (config.residualOutput() || scaling.perContext())) {
      throw new IllegalArgumentException(
          "an NVAR residual needs absolute output and the training normalisation");
    }
    residual = r;
  }

  /** The NVAR base the decoded patches are residuals of, or null. */
  NvarResidual residual() {
    return residual;
  }

  Model model() {
    return model;
  }

  public MambaConfig config() {
    return config;
  }

  public Scaling scaling() {
    return scaling;
  }

  @Override
  public String artifactType() {
    return "mamba";
  }

  @Override
  public String weightsFile() {
    return WEIGHTS;
  }

  /** Writes the DJL parameters and, beside them, the portable f32 export ({@link MambaWeights}). */
  @Override
  public void writeWeights(Path dir) throws IOException {
    saveParameters(dir.resolve(WEIGHTS));
    portableWeights().write(dir);
  }

  /**
   * The parameters as plain float32 tensors under canonical names (see {@link
   * MambaWeights#tensorShapes}), with architecture and normalisation: what the Java and CUDA
   * engines read, with no DJL.
   */
  public MambaWeights portableWeights() {
    PatchTokens t = config.tokens();
    MambaDims dims =
        new MambaDims(
            config.channels(),
            config.delay(),
            config.dimension(),
            config.patch(),
            config.modelDim(),
            config.layers(),
            config.expand(),
            config.stateDim(),
            config.convWidth(),
            MambaDims.defaultDtRank(config.modelDim()),
            config.residualOutput());
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : network.getParameters()) {
      values.put(canonicalName(p.getKey()), p.getValue().getArray().toFloatArray());
    }
    if (t.tokenDim() != dims.tokenDim()) throw new IllegalStateException("token dimension");
    return new MambaWeights(dims, scaling, contextLength, id(), values, residual);
  }

  /**
   * DJL's hierarchical parameter name (child blocks prefixed with their 2-digit index, e.g. {@code
   * 03mixer_0_01in_proj_weight}) to the canonical one ({@code layers.0.in_proj.weight}).
   */
  static String canonicalName(String djl) {
    String s = djl.replaceAll("(^|_)\\d{2}(?=[a-z])", "$1");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(norm|mixer)_(\\d+)_(.+)").matcher(s);
    if (m.matches()) {
      String rest = m.group(3);
      String name =
          m.group(1).equals("norm")
              ? "norm." + rest
              : switch (rest) {
                case "conv_weight" -> "conv.weight";
                case "conv_bias" -> "conv.bias";
                case "a_log", "d" -> rest;
                default -> rest.replaceFirst("_(weight|bias)$", ".$1");
              };
      return "layers." + m.group(2) + "." + name;
    }
    if (s.startsWith("norm_f_")) return "norm_f." + s.substring("norm_f_".length());
    return s.replaceFirst("_(weight|bias)$", ".$1");
  }

  /**
   * Adds the portable f32 export to an existing Mamba artifact directory (written before the export
   * existed): loads it with DJL and writes {@code mamba.f32} and {@code mamba.f32.json}.
   */
  public static void exportPortable(Path dir) throws IOException {
    ModelManifest m = io.chaoscast.models.artifact.ModelArtifacts.readManifest(dir);
    try (MambaForecaster f = load(dir, m)) {
      f.portableWeights().write(dir);
    }
  }

  @Override
  public String id() {
    return "mamba-d" + config.modelDim() + "-l" + config.layers() + "-p" + config.patch() + "@1";
  }

  @Override
  public int minContextLength() {
    PatchTokens t = config.tokens();
    int tokens = t.lookback() + t.patch();
    return residual == null ? tokens : Math.max(tokens, residual.lookback());
  }

  /** The context length the model was trained and validated with. */
  public int contextLength() {
    return contextLength;
  }

  @Override
  public double[][][] forecast(double[][][] contexts, int horizon) {
    return rollout(contexts, horizon, false);
  }

  /**
   * Reference implementation for tests: re-runs the whole token window (context plus predicted
   * tokens) for every new patch, O(L H / P). Must agree with {@link #forecast} to float rounding.
   */
  double[][][] forecastByRecomputation(double[][][] contexts, int horizon) {
    return rollout(contexts, horizon, true);
  }

  private double[][][] rollout(double[][][] contexts, int horizon, boolean recompute) {
    int batch = contexts.length;
    int length = contexts[0].length;
    for (double[][] c : contexts) {
      if (c.length != length) throw new IllegalArgumentException("contexts differ in length");
      if (c[0].length != config.channels()) {
        throw new IllegalArgumentException(
            "model has " + config.channels() + " channels, context " + c[0].length);
      }
    }
    if (length < minContextLength()) {
      throw new IllegalArgumentException(
          "context of " + length + " samples is shorter than " + minContextLength());
    }
    PatchTokens tok = config.tokens();
    int p = tok.patch();
    int d = config.channels();
    int steps = (horizon + p - 1) / p;
    int first = length - 1 - (tok.tokensIn(length) - 1) * p; // end of the first token
    double[][][] history = new double[batch][length + steps * p][];
    Standardisation[] norms = new Standardisation[batch];
    for (int b = 0; b < batch; b++) {
      norms[b] = scaling.of(contexts[b], length);
      System.arraycopy(norms[b].apply(contexts[b]), 0, history[b], 0, length);
    }
    int end = length - 1; // last known sample
    try (NDManager scope = model.getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(scope, false);
      List<SsmState> states = null;
      NDArray out;
      if (!recompute) {
        NDArray tokens = tokens(scope, history, first, end, tok);
        MambaNetwork.Prefill pre = network.prefill(ps, tokens, false);
        out = pre.output().get(new NDIndex(":, -1, :"));
        states = pre.states();
      } else {
        out =
            network
                .forward(ps, new NDList(tokens(scope, history, first, end, tok)), false)
                .head()
                .get(new NDIndex(":, -1, :"));
      }
      for (int s = 0; s < steps; s++) {
        float[] patch = out.toFloatArray();
        for (int b = 0; b < batch; b++) {
          if (residual != null) {
            double[][] window =
                Arrays.copyOfRange(history[b], end - residual.lookback() + 1, end + 1);
            System.arraycopy(residual.apply(window, patch, b * p * d), 0, history[b], end + 1, p);
            continue;
          }
          for (int k = 0; k < p; k++) {
            double[] z = new double[d];
            for (int c = 0; c < d; c++) z[c] = patch[b * p * d + k * d + c];
            history[b][end + 1 + k] = z;
          }
        }
        end += p;
        if (s == steps - 1) break;
        if (!recompute) {
          NDArray token = tokens(scope, history, end, end, tok).squeeze(1);
          MambaNetwork.Step st = network.step(ps, token, states, false);
          out = st.output();
          states = st.states();
        } else {
          out =
              network
                  .forward(ps, new NDList(tokens(scope, history, first, end, tok)), false)
                  .head()
                  .get(new NDIndex(":, -1, :"));
        }
      }
    }
    double[][][] result = new double[batch][horizon][];
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < horizon; h++) result[b][h] = norms[b].invert(history[b][length + h]);
    }
    return result;
  }

  /** Tokens ending at first, first + P, ..., last of each history: {@code [B, T, tokenDim]}. */
  private static NDArray tokens(
      NDManager m, double[][][] history, int first, int last, PatchTokens tok) {
    int count = (last - first) / tok.patch() + 1;
    int f = tok.tokenDim();
    float[] buf = new float[history.length * count * f];
    for (int b = 0; b < history.length; b++) {
      for (int k = 0; k < count; k++) {
        tok.token(history[b], first + k * tok.patch(), buf, (b * count + k) * f);
      }
    }
    return m.create(buf, new Shape(history.length, count, f));
  }

  @Override
  public void close() {
    model.close();
  }
}
