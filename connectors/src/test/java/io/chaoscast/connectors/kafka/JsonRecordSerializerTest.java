package io.chaoscast.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Forecast;
import org.junit.jupiter.api.Test;

class JsonRecordSerializerTest {

  /** A strict consumer: Jackson's defaults reject the NaN/Infinity tokens. */
  private final ObjectMapper strict = new ObjectMapper();

  private JsonNode written(Object element, String stream) throws Exception {
    var serializer = new JsonRecordSerializer<Object>("t", e -> stream);
    return strict.readTree(serializer.serialize(element, null, 1L).value());
  }

  @Test
  void shouldNeverWriteNonFiniteNumbersAsTokensOrStrings() throws Exception {
    var forecast =
        new Forecast(
            "s",
            1,
            "m",
            Double.NaN,
            1,
            null,
            new double[][] {{1.5, Double.POSITIVE_INFINITY, Double.NaN}},
            1,
            null);
    JsonNode f = written(forecast, "s");
    assertThat(f.get("values").get(0).get(0).asDouble()).isEqualTo(1.5);
    assertThat(f.get("values").get(0).get(1).isNull()).isTrue();
    assertThat(f.get("values").get(0).get(2).isNull()).isTrue();
    assertThat(f.get("sample_interval_millis").isNull()).isTrue();

    var alert =
        new Alert(
            "s",
            1,
            Alert.Kind.GAP,
            Alert.Severity.INFO,
            Double.NEGATIVE_INFINITY,
            Double.NaN,
            Alert.State.OPEN,
            "x");
    JsonNode a = written(alert, "s");
    assertThat(a.get("score").isNull()).isTrue();
    assertThat(a.get("threshold").isNull()).isTrue();
  }
}
