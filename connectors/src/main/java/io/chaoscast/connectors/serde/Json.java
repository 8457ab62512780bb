package io.chaoscast.connectors.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The one JSON configuration used on every topic: snake_case field names, NaN/Infinity tokens
 * accepted on input (so that they can be rejected with a precise reason rather than as malformed
 * JSON). An {@link ObjectMapper} is thread-safe once configured, so one instance is shared.
 *
 * <p>Output is strict JSON (RFC 8259): a non-finite double is written as {@code null}, never as the
 * {@code NaN}/{@code Infinity} tokens or strings that strict consumers reject. The job does not
 * publish non-finite forecasts in the first place; this is the last line, for every topic.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          // Every record is mostly doubles: the JDK's decimal conversions were a few per cent of
          // the job's CPU at 10,000 events/s (docs/loadtest.md); these round-trip the same values.
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .addModule(strictDoubles())
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static SimpleModule strictDoubles() {
    var doubles =
        new StdSerializer<Double>(Double.class) {
          @Override
          public void serialize(Double v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            writeStrict(v, g);
          }
        };
    var arrays =
        new StdSerializer<double[]>(double[].class) {
          @Override
          public void serialize(double[] a, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeStartArray(a, a.length);
            for (double v : a) writeStrict(v, g);
            g.writeEndArray();
          }
        };
    return new SimpleModule("strict-doubles")
        .addSerializer(Double.class, doubles)
        .addSerializer(double.class, doubles)
        .addSerializer(double[].class, arrays);
  }

  private static void writeStrict(double v, JsonGenerator g) throws IOException {
    if (Double.isFinite(v)) g.writeNumber(v);
    else g.writeNull();
  }
}
