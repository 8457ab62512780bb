/**
 * Synthetic observation streams from chaotic systems, and the generator that sends them to Kafka.
 */
package io.chaoscast.connectors.synthetic;
