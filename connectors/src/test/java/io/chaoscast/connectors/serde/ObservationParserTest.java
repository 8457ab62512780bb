package io.chaoscast.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationParserTest {

  private final ObservationParser parser = new ObservationParser();

  private static SourceRecord record(String json) {
    return new SourceRecord(
        "observations", 0, 7, 1_000, null, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldParseEpochMillisAndChannelNames() throws Exception {
    Observation o =
        parser.parse(
            record(
                "{\"stream\":\"s1\",\"ts\":1700000000123,\"values\":[1.5,-2],\"channels\":[\"x\",\"y\"]}"));

    assertThat(o.stream()).isEqualTo("s1");
    assertThat(o.timestampMillis()).isEqualTo(1_700_000_000_123L);
    assertThat(o.values()).containsExactly(1.5, -2.0);
    assertThat(o.channels()).containsExactly("x", "y");
    assertThat(o.source().offset()).isEqualTo(7);
  }

  @Test
  void shouldParseIsoTimestampsWithAndWithoutOffset() throws Exception {
    assertThat(
            parser
                .parse(
                    record("{\"stream\":\"s\",\"ts\":\"2026-01-02T03:04:05.250Z\",\"values\":[1]}"))
                .timestampMillis())
        .isEqualTo(1_767_323_045_250L);
    assertThat(
            parser
                .parse(
                    record(
                        "{\"stream\":\"s\",\"ts\":\"2026-01-02T04:04:05.250+01:00\",\"values\":[1]}"))
                .timestampMillis())
        .isEqualTo(1_767_323_045_250L);
  }

  @Test
  void shouldKeepNonFiniteValuesAsNaNForTheKeyedStage() throws Exception {
    Observation o =
        parser.parse(
            record(
                "{\"stream\":\"s\",\"ts\":1,\"values\":[NaN,null,Infinity,\"NaN\",\"-Infinity\",2]}"));

    assertThat(o.values()[0]).isNaN();
    assertThat(o.values()[1]).isNaN();
    assertThat(o.values()[2]).isInfinite();
    assertThat(o.values()[3]).isNaN();
    assertThat(o.values()[4]).isNaN();
    assertThat(o.values()[5]).isEqualTo(2.0);
    assertThat(o.allFinite()).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all|MALFORMED_JSON",
        "[1,2,3]|MALFORMED_JSON",
        "{\"ts\":1,\"values\":[1]}|MISSING_FIELD",
        "{\"stream\":\"s\",\"values\":[1]}|MISSING_FIELD",
        "{\"stream\":\"s\",\"ts\":1}|MISSING_FIELD",
        "{\"stream\":\"\",\"ts\":1,\"values\":[1]}|INVALID_FIELD",
        "{\"stream\":\"s\",\"ts\":\"yesterday\",\"values\":[1]}|INVALID_FIELD",
        "{\"stream\":\"s\",\"ts\":1,\"values\":[]}|INVALID_FIELD",
        "{\"stream\":\"s\",\"ts\":1,\"values\":[\"a\"]}|INVALID_FIELD",
        "{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"channels\":[\"a\",\"b\"]}|INVALID_FIELD",
      })
  void shouldRejectBadRecordsWithAPreciseReason(String json, DeadLetterReason reason) {
    assertThatThrownBy(() -> parser.parse(record(json)))
        .isInstanceOfSatisfying(
            InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void shouldRejectAnEmptyValue() {
    var empty = new SourceRecord("observations", 0, 0, 0, null, new byte[0]);
    assertThatThrownBy(() -> parser.parse(empty))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON));
  }

  @ParameterizedTest(name = "ts {0}")
  @CsvSource({
    "\"+999999999-12-31T23:59:59Z\"",
    "\"-999999999-01-01T00:00:00Z\"",
    "\"+999999999-12-31T23:59:59+18:00\"",
    "-9223372036854775808",
    "9223372036854775807",
    "253402300800000",
  })
  void shouldRejectTimestampsOutsideTheRepresentableRangeAsATypedError(String ts) {
    // Before: toEpochMilli threw ArithmeticException (a task failure, and a restart loop on the
    // same record), and Long.MIN_VALUE / Long.MAX_VALUE were accepted as event times.
    assertThatThrownBy(
            () -> parser.parse(record("{\"stream\":\"s\",\"ts\":" + ts + ",\"values\":[1]}")))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD));
  }

  @Test
  void shouldKeepRejectionMessagesShortWhateverTheOffendingValue() {
    String huge = "x".repeat(600_000);
    for (String json :
        List.of(
            "{\"stream\":\"s\",\"ts\":\"" + huge + "\",\"values\":[1]}",
            "{\"stream\":\"s\",\"ts\":1,\"values\":[\"" + huge + "\"]}",
            "{\"stream\":\"s\",\"ts\":1,\"values\":[{\"" + huge + "\":1}]}",
            "{\"stream\":\"" + huge + "\",\"ts\":1,\"values\":[1]}",
            "{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"channels\":[\"" + huge + "\"]}",
            "{\"" + huge + "\"")) {
      assertThatThrownBy(() -> parser.parse(record(json)))
          .isInstanceOfSatisfying(
              InvalidRecordException.class,
              e -> assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(200));
    }
  }

  private static void assertRejected(
      ObservationParser parser, SourceRecord record, DeadLetterReason reason, String inMessage) {
    assertThatThrownBy(() -> parser.parse(record))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).contains(inMessage);
            });
  }

  @Test
  void shouldEnforceEachRecordLimitWithTheKeyInTheReason() throws Exception {
    var small = new ObservationParser(new RecordLimits(100, 5, 3, 2));
    String ok = "{\"stream\":\"abcde\",\"ts\":1,\"values\":[1,2],\"channels\":[\"x\",\"yyy\"]}";
    assertThat(small.parse(record(ok)).stream()).isEqualTo("abcde");

    assertRejected(
        small,
        record("{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"pad\":\"" + "p".repeat(100) + "\"}"),
        DeadLetterReason.RECORD_TOO_LARGE,
        "limits.max_record_bytes");
    assertRejected(
        small,
        record("{\"stream\":\"abcdef\",\"ts\":1,\"values\":[1]}"),
        DeadLetterReason.INVALID_FIELD,
        "limits.max_stream_id_length");
    assertRejected(
        small,
        record("{\"stream\":\"s\",\"ts\":1,\"values\":[1],\"channels\":[\"abcd\"]}"),
        DeadLetterReason.INVALID_FIELD,
        "limits.max_channel_name_length");
    assertRejected(
        small,
        record("{\"stream\":\"s\",\"ts\":1,\"values\":[1,2,3]}"),
        DeadLetterReason.INVALID_FIELD,
        "limits.max_channels");
  }

  @Test
  void shouldRejectStreamIdsWithControlCharactersButKeepOtherUnicode() throws Exception {
    var parser = new ObservationParser(RecordLimits.defaults());
    assertRejected(
        parser,
        record("{\"stream\":\"pump-7\\nERROR forged\",\"ts\":1,\"values\":[1]}"),
        DeadLetterReason.INVALID_FIELD,
        "U+000A at index 6");
    assertRejected(
        parser,
        record("{\"stream\":\"a\\u0000b\",\"ts\":1,\"values\":[1]}"),
        DeadLetterReason.INVALID_FIELD,
        "U+0000 at index 1");
    assertRejected(
        parser,
        record("{\"stream\":\"a\\u0085\",\"ts\":1,\"values\":[1]}"),
        DeadLetterReason.INVALID_FIELD,
        "U+0085 at index 1");
    String unicode = "{\"stream\":\"Pumpe Süd/äußen 水泵 #7\",\"ts\":1,\"values\":[1]}";
    assertThat(parser.parse(record(unicode)).stream()).isEqualTo("Pumpe Süd/äußen 水泵 #7");
  }

  @Test
  void shouldRejectTheOversizedRecordBeforeParsingIt() {
    // Not even JSON: the size check comes first, so a huge value is never tokenised.
    byte[] huge = new byte[RecordLimits.defaults().maxRecordBytes() + 1];
    assertRejected(
        parser,
        new SourceRecord("observations", 0, 0, 0, null, huge),
        DeadLetterReason.RECORD_TOO_LARGE,
        "not parsed");
  }

  @Test
  void shouldRejectDuplicateKeysDeepNestingAndInvalidUtf8AsMalformed() {
    assertRejected(
        parser,
        record("{\"stream\":\"a\",\"stream\":\"b\",\"ts\":1,\"values\":[1]}"),
        DeadLetterReason.MALFORMED_JSON,
        "Duplicate field");
    assertRejected(
        parser,
        record("{\"stream\":\"s\",\"ts\":1,\"values\":" + "[".repeat(100_000) + "1"),
        DeadLetterReason.MALFORMED_JSON,
        "not JSON");
    byte[] invalidUtf8 = {'{', '"', 's', 't', 'r', 'e', 'a', 'm', '"', ':', '"', (byte) 0xC3, '"'};
    assertRejected(
        parser,
        new SourceRecord("observations", 0, 0, 0, null, invalidUtf8),
        DeadLetterReason.MALFORMED_JSON,
        "not JSON");
  }
}
