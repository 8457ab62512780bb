package io.chaoscast.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.testing.HostileInputProperties;

/**
 * Whatever the bytes, the observation parser either returns an observation within the limits or
 * throws {@link InvalidRecordException} with a short reason: never another exception, which would
 * fail the task and, on restore, fail it again on the same record.
 */
class ObservationParserPropertiesTest extends HostileInputProperties {

  private static final String VALID =
      "{\"stream\":\"pump-7\",\"ts\":\"2026-01-02T03:04:05.250Z\",\"values\":[1.5,-2,NaN],"
          + "\"channels\":[\"a\",\"b\",\"c\"]}";

  private final RecordLimits limits = RecordLimits.defaults();
  private final ObservationParser parser = new ObservationParser(limits);

  @Override
  protected String validRecord() {
    return VALID;
  }

  @Override
  protected void assertOnlyTypedRejection(byte[] value) {
    Observation o;
    try {
      o = parser.parse(new SourceRecord("observations", 0, 0, 1_000, null, value));
    } catch (InvalidRecordException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage())
          .isNotBlank()
          .hasSizeLessThanOrEqualTo(DeadLetter.MAX_MESSAGE_CHARS);
      return;
    }
    assertThat(o.stream()).isNotBlank().hasSizeLessThanOrEqualTo(limits.maxStreamIdLength());
    assertThat(o.timestampMillis())
        .isBetween(ObservationParser.MIN_TIMESTAMP_MILLIS, ObservationParser.MAX_TIMESTAMP_MILLIS);
    assertThat(o.values().length).isBetween(1, limits.maxChannels());
    if (o.channels() != null) {
      assertThat(o.channels()).hasSize(o.values().length);
      o.channels()
          .forEach(c -> assertThat(c).hasSizeLessThanOrEqualTo(limits.maxChannelNameLength()));
    }
  }
}
