package io.chaoscast.connectors.schema;

/**
 * A Kafka record as it arrived, before parsing. Kept with each observation so that a record
 * rejected later (late, wrong channel count, non-finite) still reaches the dead-letter topic with
 * its original bytes, and so that end-to-end latency can be measured from the broker timestamp.
 *
 * @param kafkaTimestampMillis the record's Kafka timestamp (CreateTime or LogAppendTime)
 */
public record SourceRecord(
    String topic,
    int partition,
    long offset,
    long kafkaTimestampMillis,
    byte[] key,
    byte[] value) {}
