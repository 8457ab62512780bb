/** Kafka sources and sinks of the job, topic names and record (de)serializers. */
package io.chaoscast.connectors.kafka;
