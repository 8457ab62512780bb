/** The job's own metrics (names and labels are listed in docs/metrics.md). */
package io.chaoscast.jobs.metrics;
