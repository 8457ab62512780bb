package io.chaoscast.models.mamba;

import io.chaoscast.models.artifact.ModelManifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Architecture of a Mamba forecaster: tokenisation (channels, tau, m, patch), network size, and two
 * output options. Written to and read from the manifest's hyperparameters; artifacts written before
 * an option existed read it as off.
 *
 * @param residualOutput the decoder predicts each patch as an increment on the token's last
 *     observed sample z_t (z_{t+i} = z_t + head_i(x)), as NVAR and reservoir readouts predict
 *     u_{t+1} - u_t; the network then only learns the flow, not the identity
 * @param predictionHeads 1 + the number of multi-token prediction heads (PhyxMamba stage 1, after
 *     Gloeckle et al. 2024): head j predicts the (j+1)-th patch after the token; only head 0 is
 *     used to forecast, the others shape the representation during training
 */
public record MambaConfig(
    int channels,
    int delay,
    int dimension,
    int patch,
    int modelDim,
    int layers,
    int expand,
    int stateDim,
    int convWidth,
    boolean residualOutput,
    int predictionHeads) {

  static final String RESIDUAL_OUTPUT = "residual_output";
  static final String PREDICTION_HEADS = "prediction_heads";

  public MambaConfig {
    if (predictionHeads < 1) throw new IllegalArgumentException("prediction heads must be >= 1");
  }

  public PatchTokens tokens() {
    return new PatchTokens(channels, delay, dimension, patch);
  }

  public MambaNetwork network() {
    PatchTokens t = tokens();
    return MambaNetwork.builder()
        .setTokenDim(t.tokenDim())
        .setPatchDim(t.patchDim())
        .optModelDim(modelDim)
        .optLayers(layers)
        .optExpand(expand)
        .optStateDim(stateDim)
        .optConvWidth(convWidth)
        .optResidualOutput(residualOutput ? t : null)
        .optPredictionHeads(predictionHeads)
        .build();
  }

  public Map<String, Object> toHyperparameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("embedding_delay", delay);
    m.put("embedding_dimension", dimension);
    m.put("patch", patch);
    m.put("model_dim", modelDim);
    m.put("layers", layers);
    m.put("expand", expand);
    m.put("state_dim", stateDim);
    m.put("conv_width", convWidth);
    m.put(RESIDUAL_OUTPUT, residualOutput);
    m.put(PREDICTION_HEADS, predictionHeads);
    return m;
  }

  public static MambaConfig fromManifest(ModelManifest m) {
    Object heads = m.hyperparameters().get(PREDICTION_HEADS);
    return new MambaConfig(
        m.channels(),
        m.intParameter("embedding_delay"),
        m.intParameter("embedding_dimension"),
        m.intParameter("patch"),
        m.intParameter("model_dim"),
        m.intParameter("layers"),
        m.intParameter("expand"),
        m.intParameter("state_dim"),
        m.intParameter("conv_width"),
        Boolean.TRUE.equals(m.hyperparameters().get(RESIDUAL_OUTPUT)),
        heads == null ? 1 : m.intParameter(PREDICTION_HEADS));
  }
}
