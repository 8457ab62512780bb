package io.chaoscast.models.artifact;

import io.chaoscast.models.forecast.Forecaster;

/**
 * A forecaster built from an artifact, with the manifest it came from. Close it when done: models
 * that hold native memory (DJL) release it here; the others ignore it.
 */
public record LoadedModel(ModelManifest manifest, Forecaster forecaster) implements AutoCloseable {

  @Override
  public void close() {
    if (forecaster instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + manifest.modelId(), e);
      }
    }
  }
}
