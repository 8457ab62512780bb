package io.chaoscast.jobs.promotion;

import static io.chaoscast.connectors.schema.DeadLetterReason.INVALID_FIELD;
import static io.chaoscast.connectors.schema.DeadLetterReason.MISSING_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.serde.JsonRecords;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the promotions topic back into the job. Only {@code stream}, {@code champion} and {@code
 * challenger} steer routing (and are all that is kept); a record without a stream or a champion, or
 * naming a model the job does not serve, goes to the dead-letter topic with the reason (the topic
 * is the job's own output, but anyone with write access could append to it).
 */
public final class ParseModelSwitches extends ProcessFunction<SourceRecord, ModelSwitch> {

  private static final long serialVersionUID = 1L;

  /** A switch with its evidence is well under a kilobyte. */
  static final int MAX_RECORD_BYTES = 65_536;

  private final Set<String> models;
  private transient DeadLetterCounters deadLetters;

  /**
   * @param models the names the job serves (built-ins, configured models, remote)
   */
  public ParseModelSwitches(Set<String> models) {
    this.models = Set.copyOf(models);
  }

  @Override
  public void open(OpenContext openContext) {
    deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<ModelSwitch> out) {
    try {
      out.collect(parse(record));
    } catch (InvalidRecordException e) {
      deadLetters.send(new DeadLetter(e.reason(), e.getMessage(), null, record), ctx::output);
    }
  }

  ModelSwitch parse(SourceRecord record) throws InvalidRecordException {
    JsonNode json =
        JsonRecords.readObject(
            record.value(), MAX_RECORD_BYTES, "the model switch limit (" + MAX_RECORD_BYTES + ")");
    String stream = text(json, "stream");
    String champion = model(json, "champion");
    if (stream == null || champion == null) {
      throw new InvalidRecordException(
          MISSING_FIELD, "a model switch needs string fields stream and champion", null);
    }
    // Routing needs no more; the evidence is for people and is not read back.
    return new ModelSwitch(stream, 0, null, champion, model(json, "challenger"), null, null, null);
  }

  private String model(JsonNode json, String field) throws InvalidRecordException {
    String name = text(json, field);
    if (name != null && !models.contains(name)) {
      throw new InvalidRecordException(
          INVALID_FIELD,
          "'" + field + "' " + JsonRecords.excerpt(name) + " is not a model this job serves",
          null);
    }
    return name;
  }

  private static String text(JsonNode json, String field) throws InvalidRecordException {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'" + field + "' must be a non-empty string", null);
    }
    return v.asText();
  }
}
