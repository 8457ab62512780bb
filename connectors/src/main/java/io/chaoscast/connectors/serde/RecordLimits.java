package io.chaoscast.connectors.serde;

import java.io.Serializable;

/**
 * Bounds on one observation record, checked by {@link ObservationParser} so that one bad producer
 * costs one dead letter, never memory or keyed state out of proportion (the job's {@code limits}
 * section, docs/configuration.md).
 *
 * @param maxRecordBytes a value longer than this is rejected before it is parsed
 * @param maxStreamIdLength characters allowed in a stream id
 * @param maxChannelNameLength characters allowed in one channel name
 * @param maxChannels channels allowed in one record
 */
public record RecordLimits(
    int maxRecordBytes, int maxStreamIdLength, int maxChannelNameLength, int maxChannels)
    implements Serializable {

  public static RecordLimits defaults() {
    return new RecordLimits(1_048_576, 256, 64, 4096);
  }
}
