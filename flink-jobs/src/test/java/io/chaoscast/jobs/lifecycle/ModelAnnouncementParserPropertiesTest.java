package io.chaoscast.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.testing.HostileInputProperties;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.Example;

/**
 * Whatever the bytes on the models topic, the announcement parser either returns an announcement of
 * a configured model or throws {@link InvalidRecordException} with a short reason.
 */
class ModelAnnouncementParserPropertiesTest extends HostileInputProperties {

  private static final String VALID =
      "{\"name\":\"lorenz-nvar\",\"path\":\"/models/lorenz/v7\",\"version\":\"v7\"}";

  private final ModelAnnouncementParser parser =
      new ModelAnnouncementParser(Set.of("lorenz-nvar", "m"));

  private static SourceRecord record(byte[] value) {
    return new SourceRecord("models", 0, 0, 1_000, null, value);
  }

  @Override
  protected String validRecord() {
    return VALID;
  }

  @Override
  protected void assertOnlyTypedRejection(byte[] value) {
    ModelAnnouncement a;
    try {
      a = parser.parse(record(value));
    } catch (InvalidRecordException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage())
          .isNotBlank()
          .hasSizeLessThanOrEqualTo(DeadLetter.MAX_MESSAGE_CHARS);
      return;
    }
    assertThat(a.name()).isIn("lorenz-nvar", "m");
    assertThat(a.path())
        .isNotBlank()
        .hasSizeLessThanOrEqualTo(ModelAnnouncementParser.MAX_PATH_LENGTH);
    assertThat(a.version())
        .isNotBlank()
        .hasSizeLessThanOrEqualTo(ModelAnnouncementParser.MAX_NAME_LENGTH);
  }

  @Example
  void shouldParseAValidAnnouncementAndNameTheUnknownModelShortly() throws Exception {
    assertThat(parser.parse(record(VALID.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(new ModelAnnouncement("lorenz-nvar", "/models/lorenz/v7", "v7"));
    String unknown = "{\"name\":\"" + "n".repeat(200) + "\",\"path\":\"/p\",\"version\":\"1\"}";
    assertThatThrownBy(() -> parser.parse(record(unknown.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(
            InvalidRecordException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
              assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_MESSAGE_CHARS);
            });
  }
}
