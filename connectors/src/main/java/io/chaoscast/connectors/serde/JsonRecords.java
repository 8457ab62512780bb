package io.chaoscast.connectors.serde;

import static io.chaoscast.connectors.schema.DeadLetterReason.MALFORMED_JSON;
import static io.chaoscast.connectors.schema.DeadLetterReason.RECORD_TOO_LARGE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * The first steps every record parser shares: size bound, JSON object, and excerpts of offending
 * values for rejection messages, each failure as an {@link InvalidRecordException}.
 */
public final class JsonRecords {

  /** Characters of an offending value quoted in a rejection message. */
  private static final int EXCERPT_CHARS = 40;

  /**
   * Duplicate keys are rejected: {@code {"stream":"a","stream":"b"}} means different things to
   * different readers, so it is malformed rather than silently the last value.
   */
  private static final ObjectReader READER =
      Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private JsonRecords() {}

  /**
   * The record value as a JSON object.
   *
   * @param limitKey the configuration key of {@code maxBytes}, named in the rejection
   */
  public static JsonNode readObject(byte[] value, int maxBytes, String limitKey)
      throws InvalidRecordException {
    if (value == null || value.length == 0) {
      throw new InvalidRecordException(MALFORMED_JSON, "empty record value", null);
    }
    if (value.length > maxBytes) {
      throw new InvalidRecordException(
          RECORD_TOO_LARGE,
          "record value is "
              + value.length
              + " bytes, over "
              + limitKey
              + " ("
              + maxBytes
              + "); not parsed",
          null);
    }
    JsonNode root;
    try {
      root = READER.readTree(value);
    } catch (JacksonException e) {
      // getOriginalMessage leaves out the location and source excerpt; cut anyway, since a parser
      // message may quote a token (a number, an unknown word).
      throw new InvalidRecordException(
          MALFORMED_JSON, "not JSON: " + excerpt(e.getOriginalMessage()), null);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRecordException(
          MALFORMED_JSON, "unreadable: " + e.getClass().getSimpleName(), null);
    } catch (StackOverflowError e) {
      // Jackson bounds nesting depth itself (StreamReadConstraints); this is the last line.
      throw new InvalidRecordException(MALFORMED_JSON, "not JSON: nested too deeply", null);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRecordException(MALFORMED_JSON, "expected a JSON object", null);
    }
    return root;
  }

  /** A short description of a JSON value: a quoted excerpt of a string, else its type. */
  public static String describe(JsonNode v) {
    return v.isTextual() ? excerpt(v.asText()) : v.getNodeType().name().toLowerCase();
  }

  /** The first characters of {@code text}, quoted, with the full length when it was cut. */
  public static String excerpt(String text) {
    if (text == null) return "null";
    if (text.length() <= EXCERPT_CHARS) return "\"" + text + "\"";
    int end = EXCERPT_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
    return "\"" + text.substring(0, end) + "…\" (" + text.length() + " chars)";
  }
}
