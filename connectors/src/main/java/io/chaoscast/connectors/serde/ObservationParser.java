package io.chaoscast.connectors.serde;

import static io.chaoscast.connectors.schema.DeadLetterReason.INVALID_FIELD;
import static io.chaoscast.connectors.schema.DeadLetterReason.MALFORMED_JSON;
import static io.chaoscast.connectors.schema.DeadLetterReason.MISSING_FIELD;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the observation JSON schema (docs/schemas.md). Structural problems throw {@link
 * InvalidRecordException}; non-finite values (bare or quoted NaN and Infinity tokens, and null) are
 * kept so that the keyed stage can count them per stream before rejecting the record.
 */
public final class ObservationParser {

  /** Longest accepted stream id, so that one bad producer cannot blow up keyed state. */
  public static final int MAX_STREAM_ID_LENGTH = 256;

  /** Most channels one record may carry. */
  public static final int MAX_CHANNELS = 4096;

  private static final java.util.Set<String> NON_FINITE_STRINGS =
      java.util.Set.of("NaN", "Infinity", "-Infinity");

  public Observation parse(SourceRecord source) throws InvalidRecordException {
    JsonNode root = readTree(source.value());
    String stream = readStream(root);
    long ts = readTimestamp(root.get("ts"), stream);
    double[] values = readValues(root.get("values"), stream);
    List<String> channels = readChannels(root.get("channels"), values.length, stream);
    return new Observation(stream, ts, values, channels, source);
  }

  private static JsonNode readTree(byte[] value) throws InvalidRecordException {
    if (value == null || value.length == 0) {
      throw new InvalidRecordException(MALFORMED_JSON, "empty record value", null);
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(value);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw new InvalidRecordException(MALFORMED_JSON, "unreadable: " + e.getMessage(), null);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRecordException(MALFORMED_JSON, "expected a JSON object", null);
    }
    return root;
  }

  private static String readStream(JsonNode root) throws InvalidRecordException {
    JsonNode node = root.get("stream");
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "missing field 'stream'", null);
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new InvalidRecordException(INVALID_FIELD, "'stream' must be a non-empty string", null);
    }
    String stream = node.asText();
    if (stream.length() > MAX_STREAM_ID_LENGTH) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'stream' is longer than " + MAX_STREAM_ID_LENGTH + " characters", null);
    }
    return stream;
  }

  private static long readTimestamp(JsonNode node, String stream) throws InvalidRecordException {
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "missing field 'ts'", stream);
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
      } catch (DateTimeParseException notOffset) {
        try {
          return Instant.parse(node.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
          throw new InvalidRecordException(
              INVALID_FIELD, "'ts' is not ISO-8601: " + node.asText(), stream);
        }
      }
    }
    throw new InvalidRecordException(
        INVALID_FIELD, "'ts' must be epoch milliseconds (integer) or an ISO-8601 string", stream);
  }

  private static double[] readValues(JsonNode node, String stream) throws InvalidRecordException {
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "missing field 'values'", stream);
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'values' must be a non-empty array of numbers", stream);
    }
    if (node.size() > MAX_CHANNELS) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'values' has more than " + MAX_CHANNELS + " channels", stream);
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode v = node.get(i);
      if (v.isNull()) {
        values[i] = Double.NaN; // a missing sample counts as non-finite
      } else if (v.isNumber()) {
        values[i] = v.asDouble();
      } else if (v.isTextual() && NON_FINITE_STRINGS.contains(v.asText())) {
        values[i] = Double.NaN; // many JSON writers (Jackson's default among them) quote NaN
      } else {
        throw new InvalidRecordException(
            INVALID_FIELD, "'values[" + i + "]' is not a number: " + v, stream);
      }
    }
    return values;
  }

  private static List<String> readChannels(JsonNode node, int count, String stream)
      throws InvalidRecordException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray() || node.size() != count) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'channels' must be an array of " + count + " names", stream);
    }
    List<String> names = new ArrayList<>(count);
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw new InvalidRecordException(INVALID_FIELD, "'channels' must hold strings", stream);
      }
      names.add(n.asText());
    }
    return List.copyOf(names);
  }
}
