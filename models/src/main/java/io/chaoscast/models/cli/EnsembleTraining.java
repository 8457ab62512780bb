package io.chaoscast.models.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.ensemble.ChildJvm;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.Validation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train --ensemble N}: N models of one kind that differ only in their seed ({@code seed +
 * 1000 k} for member k, so member 0 is the model {@code train} would give without the option),
 * served as the mean of their forecasts ({@link EnsembleForecaster}).
 *
 * <p>Layout: {@code DIR/members/k/} is member k's complete artifact; {@code DIR/members.json} lists
 * them; {@code DIR/manifest.json} has type {@code ensemble}, the members' normalisation and the
 * ensemble's own validation scores. Members train in child JVMs ({@link ChildJvm}), as many at once
 * as there are cores, each on one intra-op thread as any training does: on two cores two members
 * take about as long as one model. Resumable: a member with a manifest is done and skipped, an
 * interrupted one resumes from its checkpoints. A member that fails stops the others and the
 * command, naming it.
 */
final class EnsembleTraining {

  static final long SEED_STRIDE = 1000;
  static final String MEMBERS_DIR = "members";
  static final String MEMBERS_FILE = "members.json";
  static final String REQUEST = "train-request.json";

  /** What a child trains: one member, as {@link TrainCommand#train} would. */
  record MemberRequest(String model, TrainCommand.Options options, List<Dataset> series) {}

  private EnsembleTraining() {}

  static TrainResult train(
      List<Dataset> series, String model, Path outDir, TrainCommand.Options options)
      throws IOException {
    String kind = model.toLowerCase(Locale.ROOT);
    if (kind.equals("nvar")) {
      throw new IllegalArgumentException(
          "an NVAR fit does not depend on the seed: its ensemble members would be identical");
    }
    if (!kind.equals("esn") && !TrainCommand.isMamba(kind)) {
      throw new IllegalArgumentException(
          "unknown model '" + model + "' (esn, mamba, phyxmamba form ensembles)");
    }
    long start = System.nanoTime();
    int n = options.ensemble();
    List<Path> dirs = new ArrayList<>();
    List<Integer> pending = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Path dir = memberDir(outDir, k);
      dirs.add(dir);
      if (!Files.isRegularFile(dir.resolve(ModelArtifacts.MANIFEST))) pending.add(k);
    }
    runMembers(series, kind, options, dirs, pending, System.err);
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelManifest manifest =
        manifest(series, kind, options, dirs, n - pending.size(), seconds, outDir);
    AtomicFiles.writeJson(
        outDir.resolve(MEMBERS_FILE),
        new ObjectMapper(),
        dirs.stream().map(d -> outDir.relativize(d).toString()).toList());
    ModelArtifacts.writeManifest(outDir, manifest);
    return new TrainResult(outDir, manifest);
  }

  static Path memberDir(Path outDir, int k) {
    return outDir.resolve(MEMBERS_DIR).resolve(Integer.toString(k));
  }

  static TrainCommand.Options memberOptions(TrainCommand.Options o, int k) {
    return o.withEnsemble(1).withSeed(o.seed() + SEED_STRIDE * k);
  }

  /** Trains the {@code pending} members, at most one per core at a time. */
  private static void runMembers(
      List<Dataset> series,
      String model,
      TrainCommand.Options options,
      List<Path> dirs,
      List<Integer> pending,
      PrintStream progress)
      throws IOException {
    int parallel = Math.min(pending.size(), Runtime.getRuntime().availableProcessors());
    Deque<Integer> queue = new ArrayDeque<>(pending);
    Map<Integer, ChildJvm> running = new LinkedHashMap<>();
    ObjectMapper json = ChildJvm.exchangeJson();
    try {
      while (!queue.isEmpty() || !running.isEmpty()) {
        while (running.size() < parallel && !queue.isEmpty()) {
          int k = queue.poll();
          Path request = dirs.get(k).resolve(REQUEST);
          TrainCommand.Options member = memberOptions(options, k);
          Files.createDirectories(dirs.get(k));
          AtomicFiles.writeJson(request, json, new MemberRequest(model, member, series));
          progress.printf(
              Locale.ROOT,
              "[ensemble] member %d of %d (seed %d) starts%n",
              k,
              dirs.size(),
              member.seed());
          running.put(
              k,
              ChildJvm.start(
                  EnsembleTraining.class,
                  List.of(request.toString(), dirs.get(k).toString()),
                  "[member " + k + "] ",
                  progress));
        }
        Thread.sleep(200);
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          if (e.getValue().isAlive()) continue;
          it.remove();
          e.getValue()
              .awaitSuccess("ensemble member " + e.getKey() + " (" + dirs.get(e.getKey()) + ")");
          Files.deleteIfExists(dirs.get(e.getKey()).resolve(REQUEST));
          progress.printf(Locale.ROOT, "[ensemble] member %d done%n", e.getKey());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while ensemble members trained", e);
    } finally {
      running.values().forEach(ChildJvm::close);
    }
  }

  /** The ensemble's manifest: the members' data description, the ensemble's validation scores. */
  private static ModelManifest manifest(
      List<Dataset> series,
      String model,
      TrainCommand.Options o,
      List<Path> dirs,
      int resumed,
      double seconds,
      Path outDir) {
    List<LoadedModel> loaded = new ArrayList<>();
    try {
      for (Path dir : dirs) loaded.add(ModelArtifacts.load(dir, series.get(0).channels()));
      ModelManifest first = loaded.get(0).manifest();
      EnsembleForecaster ensemble =
          new EnsembleForecaster(loaded.stream().map(LoadedModel::forecaster).toList());
      Dataset data = series.get(0);
      EvaluationResult validation =
          Validation.evaluate(
              ensemble,
              data,
              TrainCommand.trainEnd(data, o),
              new Standardisation(first.normalisationMean(), first.normalisationStd()),
              o.contextLength(),
              o.horizon());
      Map<String, Object> hp = new LinkedHashMap<>();
      hp.put("members", dirs.size());
      hp.put("member_model", model);
      hp.put("member_seeds", loaded.stream().map(m -> m.manifest().training().seed()).toList());
      hp.put(
          "member_train_seconds",
          loaded.stream().map(m -> m.manifest().training().trainSeconds()).toList());
      hp.put(
          "member_validation_vpt",
          loaded.stream().map(m -> m.manifest().validationMetrics().get("vpt_lyapunov")).toList());
      hp.put("members_resumed", resumed);
      ModelManifest.TrainingSummary t = first.training();
      return new ModelManifest(
          "ensemble",
          ModelArtifacts.FORMAT_VERSION,
          ensemble.id(),
          first.channels(),
          first.sampleIntervalSeconds(),
          first.contextLength(),
          first.horizon(),
          first.embedding(),
          first.normalisationMean(),
          first.normalisationStd(),
          new ModelManifest.TrainingSummary(
              t.source(),
              t.points(),
              t.trainPoints(),
              t.validationPoints(),
              t.lyapunovExponentPerSecond(),
              o.seed(),
              seconds),
          TrainCommand.validationMetrics(validation),
          hp,
          MEMBERS_FILE,
          TrainCommand.command(series, model, o, outDir));
    } finally {
      loaded.forEach(LoadedModel::close);
    }
  }

  /** A child JVM's entry: trains one member from its request file into its directory. */
  public static void main(String[] args) {
    ChildJvm.runAsChild(
        () -> {
          MemberRequest r =
              ChildJvm.exchangeJson().readValue(Path.of(args[0]).toFile(), MemberRequest.class);
          TrainCommand.train(r.series(), r.model(), Path.of(args[1]), r.options());
        });
  }
}
