package io.chaoscast.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {

  /** The producer's default max.request.size. */
  private static final int MAX_REQUEST = 1_048_576;

  private final DeadLetterSerializer serializer = new DeadLetterSerializer("dlq", MAX_REQUEST);

  private static SourceRecord source(byte[] key, byte[] value) {
    return new SourceRecord("observations", 3, 42, 1_000, key, value);
  }

  private static int size(ProducerRecord<byte[], byte[]> r) {
    int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
    for (Header h : r.headers()) size += h.key().length() + h.value().length;
    return size;
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldKeepTheOriginalRecordWholeAndTheMessageShort() {
    // A 600 KB message beside a 600 KB value used to make a 1.2 MB dead letter: over the
    // producer's max.request.size, so the dead-letter sink failed the job.
    byte[] value = new byte[600_000];
    Arrays.fill(value, (byte) 'x');
    var letter =
        new DeadLetter(
            DeadLetterReason.INVALID_FIELD,
            "'ts' is not ISO-8601: " + "x".repeat(600_000),
            "s",
            source("s".getBytes(StandardCharsets.UTF_8), value));

    var out = serializer.serialize(letter, null, null);

    assertThat(out.value()).isEqualTo(value);
    assertThat(header(out, DeadLetterSerializer.MESSAGE_HEADER)).hasSizeLessThanOrEqualTo(200);
    assertThat(header(out, DeadLetterSerializer.TRUNCATED_HEADER)).isNull();
    assertThat(size(out)).isLessThan(MAX_REQUEST - DeadLetterSerializer.HEADROOM_BYTES);
  }

  @Test
  void shouldTruncateARecordThatAloneExceedsTheTopicLimitAndSaySo() {
    byte[] value = new byte[MAX_REQUEST + 10];
    Arrays.fill(value, (byte) 'v');
    byte[] key = new byte[MAX_REQUEST];
    var letter =
        new DeadLetter(DeadLetterReason.RECORD_TOO_LARGE, "too large", null, source(key, value));

    var out = serializer.serialize(letter, null, null);

    assertThat(out.key().length + out.value().length)
        .isEqualTo(MAX_REQUEST - DeadLetterSerializer.HEADROOM_BYTES);
    assertThat(out.key()).hasSize(out.value().length); // the key got no more than half
    assertThat(size(out)).isLessThan(MAX_REQUEST - 1024); // room for the batch's framing
    assertThat(out.value()).isEqualTo(Arrays.copyOf(value, out.value().length));
    assertThat(header(out, DeadLetterSerializer.TRUNCATED_HEADER))
        .isEqualTo("key " + key.length + " bytes, value " + value.length + " bytes");
    assertThat(header(out, DeadLetterSerializer.MESSAGE_HEADER))
        .startsWith("record truncated")
        .endsWith("too large")
        .hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void shouldDeadLetterATombstoneAsOneAndARecordWithoutTimestampWithoutFailing() {
    var letter =
        new DeadLetter(
            DeadLetterReason.MALFORMED_JSON,
            "empty record value",
            null,
            new SourceRecord("observations", 0, 1, -1, null, null));

    var out = serializer.serialize(letter, null, null);

    assertThat(out.value()).isNull();
    assertThat(out.timestamp()).isNull(); // the producer stamps it; -1 would be refused
  }
}
