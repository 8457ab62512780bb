package io.chaoscast.jobs.demo;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of one demo run.
 *
 * @param duration how long to generate data; null runs until Ctrl-C
 * @param metricsPort port of the Prometheus endpoint; 0 picks a free one from 9249 up
 * @param bootstrapServers an external Kafka, or null for the embedded broker
 * @param clientProperties Kafka client properties for an external Kafka (security etc.)
 * @param summaryJson where to write the final summary, or null
 * @param model a model artifact served to the demo's Lorenz63 and Rossler streams (the EEG streams,
 *     8 channels, stay on NVAR), or null for NVAR everywhere
 * @param maxRestarts job restarts after which the demo stops and reports failure
 * @param stallTimeout how long input may flow with no committed output before the demo stops and
 *     reports failure
 * @param trainer run the trainer beside the job (embedded broker only): each stream gets a
 *     challenger slot, the job a models and a promotions topic
 * @param report where to write the per-stream report with the offline references (Markdown), or
 *     null; without the trainer there is nothing to report
 */
public record DemoOptions(
    Duration duration,
    int streams,
    double rateHz,
    int metricsPort,
    Path summaryJson,
    String bootstrapServers,
    Map<String, String> clientProperties,
    Delivery delivery,
    long checkpointIntervalMs,
    int parallelism,
    Path model,
    int maxRestarts,
    Duration stallTimeout,
    boolean trainer,
    Path report) {}
