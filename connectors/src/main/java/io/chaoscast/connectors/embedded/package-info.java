/** An in-JVM Kafka broker (KRaft mode) for the demo and the tests: no Docker, no downloads. */
package io.chaoscast.connectors.embedded;
