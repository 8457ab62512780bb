package io.chaoscast.connectors.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.testing.HostileInputs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the bytes, the observation parser either returns an observation within the limits or
 * throws {@link InvalidRecordException} with a short reason: never another exception, which would
 * fail the task and, on restore, fail it again on the same record.
 */
class ObservationParserPropertiesTest {

  private static final String VALID =
      "{\"stream\":\"pump-7\",\"ts\":\"2026-01-02T03:04:05.250Z\",\"values\":[1.5,-2,NaN],"
          + "\"channels\":[\"a\",\"b\",\"c\"]}";

  private final RecordLimits limits = RecordLimits.defaults();
  private final ObservationParser parser = new ObservationParser(limits);

  private void assertOnlyTypedRejection(byte[] value) {
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

  @Property(tries = 3000)
  void randomBytes(@ForAll("randomBytes") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 3000)
  void randomJsonTrees(@ForAll("randomJson") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 5000)
  void mutatedValidRecords(@ForAll("mutated") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 3000)
  void extremeNumbersDatesAndStructure(@ForAll("extreme") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Property(tries = 200)
  void hugeStrings(@ForAll("huge") byte[] value) {
    assertOnlyTypedRejection(value);
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return HostileInputs.randomBytes();
  }

  @Provide
  Arbitrary<byte[]> randomJson() {
    return HostileInputs.utf8(HostileInputs.randomJson());
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return HostileInputs.mutated(VALID);
  }

  @Provide
  Arbitrary<byte[]> extreme() {
    return HostileInputs.utf8(HostileInputs.extremeRecords());
  }

  @Provide
  Arbitrary<byte[]> huge() {
    return HostileInputs.utf8(HostileInputs.hugeStrings());
  }
}
