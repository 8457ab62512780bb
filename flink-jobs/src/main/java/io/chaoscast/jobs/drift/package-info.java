/**
 * Drift and stability alerts inside the job: {@link io.chaoscast.jobs.drift.DriftMonitorFunction}
 * runs the offline monitor ({@code io.chaoscast.models.drift.StreamMonitor}, the code behind {@code
 * ./forecaster detect}) per stream in keyed state, and {@link
 * io.chaoscast.jobs.drift.StormGuardFunction}, one instance for the whole job, puts its events in
 * event-time order, bounds their volume across streams and writes them as {@code Alert}s.
 */
package io.chaoscast.jobs.drift;
