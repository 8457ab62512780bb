package io.chaoscast.jobs.trainer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.models.evaluation.EvaluationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts a trained challenger where the job can serve it: the artifact goes to the model store,
 * {@code <store>/<slot>/<history end>-<type>} (moved there whole, so the job never sees a half
 * written one), then an announcement goes to the models topic, keyed by the slot, in the job's
 * format ({@code name}, {@code path}, {@code version}; see docs/serving.md) plus fields the job
 * ignores: which stream and history it was trained on and its held-out scores. The announcement is
 * acknowledged by the broker before the work counts as finished ({@link WorkLedger}). Once it is,
 * the slot's versions beyond the newest {@code keepVersions} are deleted, so that a trainer
 * retraining thousands of streams does not fill the disk the job loads its models from.
 */
final class ChallengerPublisher {

  static final String STREAM = "stream";
  static final String HISTORY_END = "history_end_millis";

  private final Path store;
  private final String topic;
  private final Producer<byte[], byte[]> producer;
  private final int keepVersions;
  private final PrintStream log;

  /**
   * @param store the trainer's directory under the job's model_root (absolute, real path)
   * @param keepVersions versions kept per slot ({@link TrainerOptions#keepVersions}; 0: all)
   * @param log where a version that could not be deleted is reported
   */
  ChallengerPublisher(
      Path store,
      String topic,
      Producer<byte[], byte[]> producer,
      int keepVersions,
      PrintStream log) {
    this.store = store;
    this.topic = topic;
    this.producer = producer;
    this.keepVersions = keepVersions;
    this.log = log;
  }

  Announcement publish(
      String slot,
      String stream,
      StreamHistory.Snapshot history,
      int holdout,
      CandidateFitter.Candidate best,
      EvaluationResult persistence)
      throws IOException, InterruptedException {
    String version = TrainedVersion.of(history.lastMillis(), best.type());
    Path target = store.resolve(safe(slot)).resolve(history.lastMillis() + "-" + best.type());
    Files.createDirectories(target.getParent());
    deleteRecursively(target); // left by a trainer that stopped before announcing it
    Files.move(best.dir(), target, StandardCopyOption.ATOMIC_MOVE);
    ObjectNode a = Json.mapper().createObjectNode();
    a.put("name", slot);
    a.put("path", target.toString());
    a.put("version", version);
    a.put(STREAM, stream);
    a.put(HISTORY_END, history.lastMillis());
    a.put("history_samples", history.values().length);
    a.put("holdout_samples", holdout);
    a.put("model_type", best.type());
    a.put("holdout_vpt_steps", best.holdout().vptSteps());
    a.put("holdout_smape", best.holdout().smapeHorizon());
    a.put("persistence_holdout_vpt_steps", persistence.vptSteps());
    String json = Json.mapper().writeValueAsString(a);
    var record =
        new ProducerRecord<>(
            topic, slot.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("announcing " + slot + " on " + topic + " failed: " + e, e);
    }
    for (Path old : olderVersions(target, keepVersions)) {
      try {
        deleteRecursively(old);
      } catch (IOException e) {
        log.println("trainer: could not delete the old version " + old + ": " + e);
      }
    }
    return new Announcement(slot, stream, version, target, json);
  }

  /**
   * The versions beside {@code newest} (directories named {@code <history end>-<type>}) beyond the
   * {@code keep} with the latest history ends, {@code newest} counted among them and never
   * returned; nothing when {@code keep} is 0. Other names in the slot's directory are left alone.
   */
  static List<Path> olderVersions(Path newest, int keep) throws IOException {
    if (keep == 0) return List.of();
    List<Path> versions;
    try (Stream<Path> entries = Files.list(newest.getParent())) {
      versions =
          entries
              .filter(
                  p -> !p.equals(newest) && VERSION.matcher(p.getFileName().toString()).matches())
              .filter(Files::isDirectory)
              .sorted(Comparator.comparingLong(ChallengerPublisher::historyEnd).reversed())
              .toList();
    }
    return versions.subList(Math.min(keep - 1, versions.size()), versions.size());
  }

  private static final Pattern VERSION = Pattern.compile("(-?\\d+)-[A-Za-z0-9_]+");

  private static long historyEnd(Path version) {
    Matcher m = VERSION.matcher(version.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : Long.MIN_VALUE;
  }

  /** A slot name as one directory name. */
  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.matches("\\.*") ? "_" + s : s;
  }

  /** Flink's recursive delete: nothing when {@code dir} is absent, an exception when it stays. */
  static void deleteRecursively(Path dir) throws IOException {
    FileUtils.deleteDirectory(dir.toFile());
  }
}
