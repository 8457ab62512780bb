package io.chaoscast.connectors.serde;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes observations in the topic's JSON form (the inverse of {@link ObservationParser}). */
public final class ObservationJson {

  private ObservationJson() {}

  /** {@code {"stream": ..., "ts": ..., "values": [...]}}, plus {@code "channels"} when given. */
  public static ObjectNode toJson(
      String stream, long timestampMillis, double[] values, List<String> channels) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("stream", stream);
    json.put("ts", timestampMillis);
    var array = json.putArray("values");
    for (double v : values) array.add(v);
    if (channels != null) channels.forEach(json.putArray("channels")::add);
    return json;
  }

  public static String encode(String stream, long timestampMillis, double[] values) {
    return toJson(stream, timestampMillis, values, null).toString();
  }
}
