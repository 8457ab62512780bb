package io.chaoscast.models.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.ModelManifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code ./forecaster train} produced: the artifact directory and its manifest. */
public record TrainResult(Path modelDir, ModelManifest manifest) {

  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_dir", modelDir.toString());
    m.put("type", manifest.type());
    m.put("model_id", manifest.modelId());
    m.put("train_seconds", manifest.training().trainSeconds());
    m.put("validation", manifest.validationMetrics());
    m.put("hyperparameters", manifest.hyperparameters());
    return m;
  }

  public String toJson() {
    try {
      return new ObjectMapper().writeValueAsString(toJsonMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
