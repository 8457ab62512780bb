package io.chaoscast.models.mamba;

import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.ensemble.ChildJvm;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@link EmbeddingProbe} probe trained in a child JVM ({@link ChildJvm}: DJL records one
 * gradient per JVM), so that the two probes train side by side. The request and the score travel as
 * JSON files in the probe's checkpoint directory; doubles survive the round trip exactly.
 */
final class ProbeJvm implements AutoCloseable {

  static final String REQUEST = "probe-request.json";
  static final String SCORE = "probe-score.json";

  /** What the child trains: the arguments of {@link MambaTrainer#train} without stage 2. */
  record Request(
      List<Dataset> data,
      List<Integer> trainEnds,
      int context,
      int horizon,
      MambaTrainer.Options options) {}

  /** The child's answer: the probe's validation score ({@link EmbeddingProbe#probeScore}). */
  record Score(double score) {}

  private final ChildJvm child;
  private final Path dir;

  private ProbeJvm(ChildJvm child, Path dir) {
    this.child = child;
    this.dir = dir;
  }

  /** Starts the probe {@code r} in {@code dir}; its output goes to {@code out} after prefix. */
  static ProbeJvm start(Request r, Path dir, String prefix, PrintStream out) throws IOException {
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(SCORE));
    AtomicFiles.writeJson(dir.resolve(REQUEST), ChildJvm.exchangeJson(), r);
    ChildJvm child = ChildJvm.start(ProbeJvm.class, List.of(dir.toString()), prefix, out);
    return new ProbeJvm(child, dir);
  }

  /** Waits for the child and returns its score; a failed child is an error naming it. */
  double score() throws IOException {
    try {
      child.awaitSuccess("the embedding probe in " + dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the embedding probe in " + dir + " trained", e);
    }
    Files.deleteIfExists(dir.resolve(REQUEST));
    return ChildJvm.exchangeJson().readValue(dir.resolve(SCORE).toFile(), Score.class).score();
  }

  /** Kills the child if it still runs (the caller failed or was interrupted). */
  @Override
  public void close() {
    child.close();
  }

  /** The child's entry: trains the probe requested in {@code args[0]} and writes its score. */
  public static void main(String[] args) {
    ChildJvm.runAsChild(
        () -> {
          Path dir = Path.of(args[0]);
          Request r =
              ChildJvm.exchangeJson().readValue(dir.resolve(REQUEST).toFile(), Request.class);
          double score =
              EmbeddingProbe.probeScore(
                  r.data(),
                  r.trainEnds(),
                  r.context(),
                  r.horizon(),
                  r.options(),
                  dir,
                  new PrintStream(System.out, true, StandardCharsets.UTF_8));
          AtomicFiles.writeJson(dir.resolve(SCORE), ChildJvm.exchangeJson(), new Score(score));
        });
  }
}
