package io.chaoscast.models.artifact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoscast.models.baselines.EsnForecaster;
import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.mamba.MambaForecaster;
import io.chaoscast.models.mamba.f32.MambaWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes model artifacts: {@code DIR/manifest.json} plus the weights file it names.
 * {@link #load(Path)} validates the manifest before touching the weights, and fails with an {@link
 * InvalidArtifactException} naming the directory and the problem (unknown type, format version
 * newer than this code, inconsistent channel count, missing weights, a file that lies outside the
 * artifact directory).
 *
 * <p>Every file an artifact is read from (the manifest, the weights file the manifest names, a
 * Mamba model's portable tensor file) must resolve, symbolic links followed, inside the artifact
 * directory: a manifest comes with the artifact and is no more trusted than its weights, so it must
 * not be able to make the loader read {@code ../../secrets} or {@code /etc/passwd}.
 */
public final class ModelArtifacts {

  /** Artifact format version written by this code; older versions load, newer ones are refused. */
  public static final int FORMAT_VERSION = 1;

  public static final String MANIFEST = "manifest.json";

  public static final Set<String> KNOWN_TYPES = Set.of("nvar", "esn", "mamba", "ensemble");

  private ModelArtifacts() {}

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .configure(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS, true);
  }

  /** Writes {@code dir/manifest.json} (the weights file is the model's business). */
  public static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
    AtomicFiles.writeJson(dir.resolve(MANIFEST), mapper(), manifest);
  }

  /** Writes weights first, then the manifest (so a manifest never names absent weights). */
  public static void save(Path dir, ModelManifest manifest, ArtifactWeights weights)
      throws IOException {
    if (!manifest.type().equals(weights.artifactType())
        || !manifest.weightsFile().equals(weights.weightsFile())) {
      throw new IllegalArgumentException("manifest does not describe these weights");
    }
    Files.createDirectories(dir);
    weights.writeWeights(dir);
    writeManifest(dir, manifest);
  }

  /** Reads and validates the manifest without loading weights. */
  public static ModelManifest readManifest(Path dir) {
    Path file = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new InvalidArtifactException(
          dir + ": no " + MANIFEST + " (is this a model directory?)");
    }
    file = inside(dir, MANIFEST, MANIFEST);
    ModelManifest m;
    try {
      m = mapper().readValue(file.toFile(), ModelManifest.class);
    } catch (IOException e) {
      throw new InvalidArtifactException(file + ": unreadable manifest: " + e.getMessage(), e);
    }
    validate(dir, m);
    return m;
  }

  /** Loads the forecaster an artifact describes. */
  public static LoadedModel load(Path dir) {
    ModelManifest m = readManifest(dir);
    Path weights = weightsPath(dir, m);
    Forecaster f;
    try {
      f =
          switch (m.type()) {
            case "nvar" -> NvarModelForecaster.read(weights, m);
            case "esn" -> EsnForecaster.read(weights, m);
            case "mamba" -> MambaForecaster.load(dir, m);
            case "ensemble" -> loadEnsemble(dir, m);
            default -> throw new IllegalStateException("validated type " + m.type());
          };
    } catch (IOException e) {
      throw new InvalidArtifactException(weights + ": unreadable weights: " + e.getMessage(), e);
    }
    return new LoadedModel(m, f);
  }

  /**
   * The member directories of an ensemble artifact, in order: the paths its weights file (a JSON
   * array of directory names) lists, each inside {@code dir}, each a valid artifact of another type
   * that describes the same data (channels, context length, sample interval).
   */
  public static List<Path> ensembleMembers(Path dir, ModelManifest m) {
    Path list = weightsPath(dir, m);
    List<String> names;
    try {
      names = List.of(mapper().readValue(list.toFile(), String[].class));
    } catch (IOException e) {
      throw new InvalidArtifactException(
          list + ": not a JSON array of member directories: " + e.getMessage(), e);
    }
    if (names.size() < 2) {
      throw new InvalidArtifactException(
          dir + ": an ensemble needs at least two members, " + list + " names " + names.size());
    }
    List<Path> members = new ArrayList<>();
    for (String name : names) {
      Path member = inside(dir, name, "ensemble member '" + name + "'");
      ModelManifest mm = readManifest(member);
      if (mm.type().equals("ensemble")) {
        throw new InvalidArtifactException(member + ": an ensemble member cannot be an ensemble");
      }
      if (mm.channels() != m.channels()
          || mm.contextLength() != m.contextLength()
          || mm.sampleIntervalSeconds() != m.sampleIntervalSeconds()) {
        throw new InvalidArtifactException(
            member
                + ": member describes other data than the ensemble (channels, context length or"
                + " sample interval differ from "
                + dir.resolve(MANIFEST)
                + ")");
      }
      members.add(member);
    }
    return members;
  }

  /** Loads every member; if one fails, those already loaded are closed. */
  private static EnsembleForecaster loadEnsemble(Path dir, ModelManifest m) {
    List<LoadedModel> loaded = new ArrayList<>();
    try {
      for (Path member : ensembleMembers(dir, m)) loaded.add(load(member));
      return new EnsembleForecaster(loaded.stream().map(LoadedModel::forecaster).toList());
    } catch (RuntimeException e) {
      loaded.forEach(LoadedModel::close);
      throw e;
    }
  }

  /** As {@link #load(Path)}, and checks that the model takes {@code channels} channels. */
  public static LoadedModel load(Path dir, int channels) {
    ModelManifest m = readManifest(dir);
    if (m.channels() != channels) {
      throw new InvalidArtifactException(
          dir + ": model expects " + m.channels() + " channels, the data has " + channels);
    }
    return load(dir);
  }

  /** The real path of the weights file the manifest names, refused unless inside {@code dir}. */
  private static Path weightsPath(Path dir, ModelManifest m) {
    String name = m.weightsFile();
    if (name == null || name.isBlank()) {
      throw new InvalidArtifactException(dir + ": the manifest names no weights file");
    }
    return inside(dir, name, "weights file '" + name + "' named in the manifest");
  }

  private static Path inside(Path dir, String name, String what) {
    try {
      return ConfinedPaths.realPathInside(dir, name, what);
    } catch (IllegalArgumentException e) {
      throw new InvalidArtifactException(dir + ": " + e.getMessage());
    }
  }

  private static void validate(Path dir, ModelManifest m) {
    if (!KNOWN_TYPES.contains(m.type())) {
      throw new InvalidArtifactException(
          dir + ": unknown model type '" + m.type() + "' (known: " + KNOWN_TYPES + ")");
    }
    if (m.formatVersion() > FORMAT_VERSION) {
      throw new InvalidArtifactException(
          dir
              + ": artifact format version "
              + m.formatVersion()
              + " is newer than this code ("
              + FORMAT_VERSION
              + "); upgrade chaoscast to load it");
    }
    if (m.formatVersion() < 1) {
      throw new InvalidArtifactException(dir + ": invalid format version " + m.formatVersion());
    }
    if (m.channels() < 1
        || m.normalisationMean().length != m.channels()
        || m.normalisationStd().length != m.channels()) {
      throw new InvalidArtifactException(
          dir
              + ": channel count "
              + m.channels()
              + " disagrees with the normalisation ("
              + m.normalisationMean().length
              + " means, "
              + m.normalisationStd().length
              + " SDs)");
    }
    for (double s : m.normalisationStd()) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new InvalidArtifactException(dir + ": normalisation SD must be finite and > 0");
      }
    }
    if (!Files.isRegularFile(weightsPath(dir, m))) {
      throw new InvalidArtifactException(
          dir + ": weights file '" + m.weightsFile() + "' named in the manifest is not a file");
    }
    Path blob = dir.resolve(MambaWeights.BLOB);
    if (m.type().equals("mamba") && Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
      inside(dir, MambaWeights.BLOB, MambaWeights.BLOB);
    }
    if (m.contextLength() < 1 || !(m.sampleIntervalSeconds() > 0)) {
      throw new InvalidArtifactException(dir + ": context length and sample interval must be > 0");
    }
  }
}
