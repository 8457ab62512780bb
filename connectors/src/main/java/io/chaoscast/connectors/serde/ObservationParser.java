package io.chaoscast.connectors.serde;

import static io.chaoscast.connectors.schema.DeadLetterReason.INVALID_FIELD;
import static io.chaoscast.connectors.schema.DeadLetterReason.MISSING_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the observation JSON schema (docs/schemas.md). Structural problems throw {@link
 * InvalidRecordException}, and nothing else: whatever the bytes, a record costs at most one dead
 * letter, never a task failure. Non-finite values (bare or quoted NaN and Infinity tokens, and
 * null) are kept so that the keyed stage can count them per stream before rejecting the record.
 */
public final class ObservationParser {

  /** Earliest accepted event time: 0000-01-01T00:00:00Z. */
  public static final long MIN_TIMESTAMP_MILLIS = -62_167_219_200_000L;

  /**
   * Latest accepted event time: 9999-12-31T23:59:59.999Z. Bounding event times to four-digit years
   * keeps every later subtraction (skew, watermark bound) far from overflow.
   */
  public static final long MAX_TIMESTAMP_MILLIS = 253_402_300_799_999L;

  private static final Set<String> NON_FINITE_STRINGS = Set.of("NaN", "Infinity", "-Infinity");

  private final RecordLimits limits;

  public ObservationParser() {
    this(RecordLimits.defaults());
  }

  public ObservationParser(RecordLimits limits) {
    this.limits = limits;
  }

  public Observation parse(SourceRecord source) throws InvalidRecordException {
    JsonNode root =
        JsonRecords.readObject(source.value(), limits.maxRecordBytes(), "limits.max_record_bytes");
    String stream = readStream(root);
    long ts = readTimestamp(root.get("ts"), stream);
    double[] values = readValues(root.get("values"), stream);
    List<String> channels = readChannels(root.get("channels"), values.length, stream);
    return new Observation(stream, ts, values, channels, source);
  }

  private String readStream(JsonNode root) throws InvalidRecordException {
    JsonNode node = root.get("stream");
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "missing field 'stream'", null);
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new InvalidRecordException(INVALID_FIELD, "'stream' must be a non-empty string", null);
    }
    String stream = node.asText();
    if (stream.length() > limits.maxStreamIdLength()) {
      throw new InvalidRecordException(
          INVALID_FIELD,
          "'stream' is "
              + stream.length()
              + " characters, over limits.max_stream_id_length ("
              + limits.maxStreamIdLength()
              + ")",
          null);
    }
    // A stream id is written into log lines, Kafka keys and line-based files (the load test's
    // latency log): a newline or other control character in one would forge or split lines there.
    for (int i = 0; i < stream.length(); i++) {
      if (Character.isISOControl(stream.charAt(i))) {
        throw new InvalidRecordException(
            INVALID_FIELD,
            String.format(
                java.util.Locale.ROOT,
                "'stream' contains the control character U+%04X at index %d",
                (int) stream.charAt(i),
                i),
            null);
      }
    }
    return stream;
  }

  private static long readTimestamp(JsonNode node, String stream) throws InvalidRecordException {
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "missing field 'ts'", stream);
    }
    long ts;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      ts = node.asLong();
    } else if (node.isIntegralNumber()) {
      throw new InvalidRecordException(INVALID_FIELD, "'ts' is out of range", stream);
    } else if (node.isTextual()) {
      ts = parseIsoMillis(node.asText(), stream);
    } else {
      throw new InvalidRecordException(
          INVALID_FIELD, "'ts' must be epoch milliseconds (integer) or an ISO-8601 string", stream);
    }
    if (ts < MIN_TIMESTAMP_MILLIS || ts > MAX_TIMESTAMP_MILLIS) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'ts' " + ts + " is outside years 0000..9999", stream);
    }
    return ts;
  }

  /**
   * {@code DateTimeException} covers both unparseable text and instants that parse but do not fit
   * in epoch milliseconds ({@code toEpochMilli} throws ArithmeticException for those: caught too).
   */
  private static long parseIsoMillis(String text, String stream) throws InvalidRecordException {
    try {
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeException notOffset) {
        return Instant.parse(text).toEpochMilli();
      }
    } catch (DateTimeException | ArithmeticException e) {
      throw new InvalidRecordException(
          INVALID_FIELD,
          "'ts' is not an ISO-8601 time in range: " + JsonRecords.excerpt(text),
          stream);
    }
  }

  private double[] readValues(JsonNode node, String stream) throws InvalidRecordException {
    if (node == null || node.isNull()) {
      throw new InvalidRecordException(MISSING_FIELD, "missing field 'values'", stream);
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new InvalidRecordException(
          INVALID_FIELD, "'values' must be a non-empty array of numbers", stream);
    }
    if (node.size() > limits.maxChannels()) {
      throw new InvalidRecordException(
          INVALID_FIELD,
          "'values' has "
              + node.size()
              + " channels, over limits.max_channels ("
              + limits.maxChannels()
              + ")",
          stream);
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
            INVALID_FIELD,
            "'values[" + i + "]' is not a number: " + JsonRecords.describe(v),
            stream);
      }
    }
    return values;
  }

  private List<String> readChannels(JsonNode node, int count, String stream)
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
      if (n.asText().length() > limits.maxChannelNameLength()) {
        throw new InvalidRecordException(
            INVALID_FIELD,
            "'channels["
                + names.size()
                + "]' is "
                + n.asText().length()
                + " characters, over limits.max_channel_name_length ("
                + limits.maxChannelNameLength()
                + ")",
            stream);
      }
      names.add(n.asText());
    }
    return List.copyOf(names);
  }
}
