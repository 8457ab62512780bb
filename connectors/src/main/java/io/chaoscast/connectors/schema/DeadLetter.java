package io.chaoscast.connectors.schema;

/**
 * A record that could not be used, on its way to the dead-letter topic. The Kafka record written
 * there carries the original key and value bytes unchanged; reason, message and origin travel in
 * headers (see {@link io.chaoscast.connectors.kafka.DeadLetterSerializer}).
 *
 * @param reason machine-readable reason
 * @param message what exactly was wrong, for a human
 * @param stream the stream id when it could be read, else null
 * @param source the record as it arrived
 */
public record DeadLetter(
    DeadLetterReason reason, String message, String stream, SourceRecord source) {}
