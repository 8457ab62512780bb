/**
 * {@code ./forecaster loadtest}: the forecasting job against a passthrough baseline under the same
 * load.
 */
package io.chaoscast.jobs.loadtest;
