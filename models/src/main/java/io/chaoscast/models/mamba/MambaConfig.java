package io.chaoscast.models.mamba;

import io.chaoscast.models.artifact.ModelManifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Architecture of a Mamba forecaster: tokenisation (channels, tau, m, patch) and network size.
 * Written to and read from the manifest's hyperparameters.
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
    int convWidth) {

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
    return m;
  }

  public static MambaConfig fromManifest(ModelManifest m) {
    return new MambaConfig(
        m.channels(),
        m.intParameter("embedding_delay"),
        m.intParameter("embedding_dimension"),
        m.intParameter("patch"),
        m.intParameter("model_dim"),
        m.intParameter("layers"),
        m.intParameter("expand"),
        m.intParameter("state_dim"),
        m.intParameter("conv_width"));
  }
}
