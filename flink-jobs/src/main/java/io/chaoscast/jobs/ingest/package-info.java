/** From raw Kafka records to timestamped observations: parsing, validation, watermarks. */
package io.chaoscast.jobs.ingest;
