package io.chaoscast.jobs.serving;

import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.cuda.MambaEngines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    if (manifest.type().equals("ensemble")) return ensemble(name, dir, device, manifest);
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

  /**
   * Each member on the engine the device choice gives it (a Mamba member on CUDA or the Java
   * engine, as alone); the forecast is their mean. Backend and reason list the members' distinct
   * ones.
   */
  private static ServedModel ensemble(String name, Path dir, String device, ModelManifest manifest)
      throws Exception {
    List<ServedModel> members = new ArrayList<>();
    try {
      for (Path member : ModelArtifacts.ensembleMembers(dir, manifest)) {
        members.add(load(name, member, device));
      }
    } catch (Exception e) {
      for (ServedModel m : members) m.close();
      throw e;
    }
    // a member's resources are its forecaster (an engine or a DJL model): closing the mean, which
    // closes every member's forecaster, releases them all
    EnsembleForecaster mean =
        new EnsembleForecaster(members.stream().map(ServedModel::forecaster).toList());
    return new ServedModel(
        name,
        manifest,
        mean,
        "mean of " + members.size() + ": " + distinct(members, ServedModel::backend),
        distinct(members, ServedModel::reason),
        mean);
  }

  private static String distinct(List<ServedModel> members, Function<ServedModel, String> field) {
    return members.stream().map(field).distinct().collect(Collectors.joining("; "));
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
