package io.chaoscast.jobs.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParseModelSwitchesTest {

  private final ParseModelSwitches parser = new ParseModelSwitches(Set.of("nvar", "lorenz"));

  private static SourceRecord record(String json) {
    return new SourceRecord("promotions", 0, 0, 0, null, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadTheRouteOfASwitchTheJobWrote() throws Exception {
    ModelSwitch s =
        parser.parse(
            record(
                """
                {"stream": "a", "at_millis": 5, "kind": "PROMOTED", "champion": "lorenz",
                 "challenger": "nvar", "reason": "...", "replaced": {"model": "nvar"}}
                """));

    assertThat(s.stream()).isEqualTo("a");
    assertThat(s.champion()).isEqualTo("lorenz");
    assertThat(s.challenger()).isEqualTo("nvar");
  }

  @Test
  void shouldTakeASwitchWithoutChallenger() throws Exception {
    assertThat(parser.parse(record("{\"stream\": \"a\", \"champion\": \"nvar\"}")).challenger())
        .isNull();
  }

  @Test
  void shouldRejectSwitchesThatCannotRouteWithTheReason() {
    assertThatThrownBy(() -> parser.parse(record("{\"stream\": \"a\"}")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("stream and champion")
        .extracting(e -> ((InvalidRecordException) e).reason())
        .isEqualTo(DeadLetterReason.MISSING_FIELD);
    assertThatThrownBy(
            () -> parser.parse(record("{\"stream\": \"a\", \"champion\": \"transformer\"}")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("not a model this job serves");
    assertThatThrownBy(
            () ->
                parser.parse(
                    record("{\"stream\": \"a\", \"champion\": \"nvar\", \"challenger\": 3}")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("'challenger' must be a non-empty string");
    assertThatThrownBy(() -> parser.parse(record("not json")))
        .isInstanceOf(InvalidRecordException.class)
        .extracting(e -> ((InvalidRecordException) e).reason())
        .isEqualTo(DeadLetterReason.MALFORMED_JSON);
  }
}
