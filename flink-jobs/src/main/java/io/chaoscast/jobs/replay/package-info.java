/**
 * Replaying recorded or synthetic series through the real forecasting job (Kafka in, job on a local
 * MiniCluster, alerts read back from Kafka), and {@code alerts-eval} on top of it.
 */
package io.chaoscast.jobs.replay;
