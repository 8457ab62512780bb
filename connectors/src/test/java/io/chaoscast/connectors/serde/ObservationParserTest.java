package io.chaoscast.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
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
}
