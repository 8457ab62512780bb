package io.chaoscast.jobs.serving;

import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.cuda.MambaEngines;
import java.nio.file.Path;

/**
 * A model artifact loaded for serving, on the engine the device choice allows: Mamba artifacts go
 * through {@link MambaEngines} (CUDA when a driver is present and {@code device} is gpu or auto,
 * else the Java engine, with the reason), other types run on the CPU as loaded.
 */
public record ServedModel(
    String name,
    ModelManifest manifest,
    Forecaster forecaster,
    String backend,
    String reason,
    AutoCloseable resources)
    implements AutoCloseable {

  public static ServedModel load(String name, Path dir, String device) throws Exception {
    if (!device.equals("cpu") && !device.equals("gpu") && !device.equals("auto")) {
      throw new IllegalArgumentException("--device must be cpu, gpu or auto, not " + device);
    }
    ModelManifest manifest = ModelArtifacts.readManifest(dir);
    if (manifest.type().equals("mamba")) {
      var selection = MambaEngines.select(device, dir);
      return new ServedModel(
          name, manifest, selection.engine(), selection.backend(), selection.reason(), selection);
    }
    if (device.equals("gpu")) {
      throw new IllegalArgumentException(
          "a " + manifest.type() + " model runs on the CPU only; use --device cpu or auto");
    }
    var loaded = ModelArtifacts.load(dir);
    return new ServedModel(
        name, manifest, loaded.forecaster(), "cpu", manifest.type() + " runs on the CPU", loaded);
  }

  public String version() {
    return manifest.modelId();
  }

  public int channels() {
    return manifest.channels();
  }

  public int contextLength() {
    return manifest.contextLength();
  }

  public int horizon() {
    return manifest.horizon();
  }

  public int minContextLength() {
    return forecaster.minContextLength();
  }

  @Override
  public void close() throws Exception {
    resources.close();
  }
}
