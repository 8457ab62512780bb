package io.chaoscast.connectors.schema;

import java.util.List;

/**
 * One sample of one stream: {@code {"stream": "...", "ts": ..., "values": [...], "channels":
 * [...]}}.
 *
 * @param stream stream id, the key of every per-stream computation
 * @param timestampMillis event time, epoch milliseconds (ISO-8601 input is converted)
 * @param values one value per channel; may hold non-finite values, which the keyed stage rejects so
 *     that a NaN burst can be seen per stream
 * @param channels optional channel names (usually only on a stream's first record), or null
 * @param source where the record came from, with its original bytes for the dead-letter topic
 */
public record Observation(
    String stream,
    long timestampMillis,
    double[] values,
    List<String> channels,
    SourceRecord source) {

  public int channelCount() {
    return values.length;
  }

  public boolean allFinite() {
    for (double v : values) {
      if (!Double.isFinite(v)) return false;
    }
    return true;
  }
}
