package io.chaoscast.jobs.trainer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.models.evaluation.EvaluationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts a trained challenger where the job can serve it: the artifact goes to the model store,
 * {@code <store>/<slot>/<history end>-<type>} (moved there whole, so the job never sees a half
 * written one), then an announcement goes to the models topic, keyed by the slot, in the job's
 * format ({@code name}, {@code path}, {@code version}; see docs/serving.md) plus fields the job
 * ignores: which stream and history it was trained on and its held-out scores. The announcement is
 * acknowledged by the broker before the work counts as finished ({@link WorkLedger}).
 */
final class ChallengerPublisher {

  static final String STREAM = "stream";
  static final String HISTORY_END = "history_end_millis";

  private final Path store;
  private final String topic;
  private final Producer<byte[], byte[]> producer;

  /**
   * @param store the trainer's directory under the job's model_root (absolute, real path)
   */
  ChallengerPublisher(Path store, String topic, Producer<byte[], byte[]> producer) {
    this.store = store;
    this.topic = topic;
    this.producer = producer;
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
    return new Announcement(slot, stream, version, target, json);
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
