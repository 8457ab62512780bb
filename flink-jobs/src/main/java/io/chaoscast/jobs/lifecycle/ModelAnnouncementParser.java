package io.chaoscast.jobs.lifecycle;

import static io.chaoscast.connectors.schema.DeadLetterReason.INVALID_FIELD;
import static io.chaoscast.connectors.schema.DeadLetterReason.MISSING_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.serde.JsonRecords;
import java.util.Set;

/**
 * Reads an announcement from the models control topic, {@code {"name": ..., "path": ..., "version":
 * ...}}, and checks that it names a configured model. Every problem is an {@link
 * InvalidRecordException} (the dead-letter reason), whatever the bytes; whether the artifact loads
 * is checked afterwards ({@link ModelLoader#check}).
 */
public final class ModelAnnouncementParser {

  /** An announcement is three short strings; anything near this size is not one. */
  public static final int MAX_RECORD_BYTES = 65_536;

  /** Characters allowed in a name or version (a path may be longer). */
  public static final int MAX_NAME_LENGTH = 256;

  /** Characters allowed in an artifact path. */
  public static final int MAX_PATH_LENGTH = 4096;

  private final Set<String> modelNames;

  /**
   * @param modelNames the names listed under {@code models:} in the job configuration
   */
  public ModelAnnouncementParser(Set<String> modelNames) {
    this.modelNames = Set.copyOf(modelNames);
  }

  public ModelAnnouncement parse(SourceRecord record) throws InvalidRecordException {
    JsonNode json =
        JsonRecords.readObject(
            record.value(), MAX_RECORD_BYTES, "the announcement limit (" + MAX_RECORD_BYTES + ")");
    String name = text(json, "name", MAX_NAME_LENGTH);
    String path = text(json, "path", MAX_PATH_LENGTH);
    String version = text(json, "version", MAX_NAME_LENGTH);
    if (!modelNames.contains(name)) {
      throw new InvalidRecordException(
          INVALID_FIELD,
          "model "
              + JsonRecords.excerpt(name)
              + " is not listed under models: in the job configuration",
          null);
    }
    return new ModelAnnouncement(name, path, version);
  }

  private static String text(JsonNode json, String field, int maxLength)
      throws InvalidRecordException {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidRecordException(
          MISSING_FIELD,
          "a model announcement needs non-empty string fields name, path and version; '"
              + field
              + "' is missing",
          null);
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'" + field + "' must be a non-empty string", null);
    }
    if (v.asText().length() > maxLength) {
      throw new InvalidRecordException(
          INVALID_FIELD,
          "'" + field + "' is " + v.asText().length() + " characters, over " + maxLength,
          null);
    }
    return v.asText();
  }
}
