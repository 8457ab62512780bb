package io.chaoscast.models.artifact;

import java.io.IOException;
import java.nio.file.Path;

/** A model that can write its weights into an artifact directory. */
public interface ArtifactWeights {

  /** Artifact type (a member of {@link ModelArtifacts#KNOWN_TYPES}). */
  String artifactType();

  /** File name, inside the artifact directory, of the weights. */
  String weightsFile();

  /** Writes the weights to {@code dir.resolve(weightsFile())}. */
  void writeWeights(Path dir) throws IOException;
}
