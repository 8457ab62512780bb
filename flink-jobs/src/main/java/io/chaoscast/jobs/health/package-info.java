/**
 * The job's own faults, reported while they last: checkpoints failing in a row and the Kafka broker
 * out of reach (docs/metrics.md, docs/hardening.md).
 */
package io.chaoscast.jobs.health;
