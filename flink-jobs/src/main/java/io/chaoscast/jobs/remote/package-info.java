/**
 * Forecasts from a remote KServe v2 inference server, made safe for a streaming job: per-request
 * timeouts, bounded retries, a circuit breaker, and an in-process fallback model.
 */
package io.chaoscast.jobs.remote;
