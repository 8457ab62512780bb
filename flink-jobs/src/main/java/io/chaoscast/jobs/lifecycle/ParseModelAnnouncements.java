package io.chaoscast.jobs.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the models control topic: {@code {"name": ..., "path": ..., "version": ...}}. An
 * announcement passes only if it names a configured model, its path lies under {@code model_root}
 * (see {@link ModelRoot}; relative paths are taken relative to it) and its artifact loads on that
 * model's device and fits the job's context length (checked once here, so a bad one becomes one
 * dead letter with the reason rather than a failure in every subtask); anything else goes to the
 * dead-letter topic.
 */
public final class ParseModelAnnouncements
    extends ProcessFunction<SourceRecord, ModelAnnouncement> {

  private static final long serialVersionUID = 1L;

  private final ModelSetup setup;
  private transient DeadLetterCounters deadLetters;

  public ParseModelAnnouncements(ModelSetup setup) {
    this.setup = setup;
  }

  @Override
  public void open(OpenContext openContext) {
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<ModelAnnouncement> out) {
    JsonNode json;
    try {
      json = Json.mapper().readTree(record.value());
    } catch (IOException | RuntimeException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      reject(
          ctx,
          record,
          DeadLetterReason.MALFORMED_JSON,
          "a model announcement must be a JSON object");
      return;
    }
    String name = text(json, "name");
    String path = text(json, "path");
    String version = text(json, "version");
    if (name == null || path == null || version == null) {
      reject(
          ctx,
          record,
          DeadLetterReason.MISSING_FIELD,
          "a model announcement needs non-empty string fields name, path and version");
      return;
    }
    var entry = setup.entry(name);
    if (entry.isEmpty()) {
      reject(
          ctx,
          record,
          DeadLetterReason.INVALID_FIELD,
          "model '" + name + "' is not listed under models: in the job configuration");
      return;
    }
    String realPath;
    try {
      realPath = setup.modelRoot().announced(path).toString();
    } catch (IllegalArgumentException e) {
      reject(
          ctx, record, DeadLetterReason.INVALID_FIELD, "model '" + name + "': " + e.getMessage());
      return;
    }
    String problem = ModelLoader.check(entry.get(), realPath, setup.contextLength());
    if (problem != null) {
      reject(ctx, record, DeadLetterReason.INVALID_FIELD, "model '" + name + "': " + problem);
      return;
    }
    // The real path, so the subtasks load what was checked even if a link is swapped later.
    out.collect(new ModelAnnouncement(name, realPath, version));
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }

  private void reject(Context ctx, SourceRecord record, DeadLetterReason reason, String message) {
    deadLetters.send(new DeadLetter(reason, message, null, record), ctx::output);
  }
}
