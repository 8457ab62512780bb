/** Per-stream context windows and the forecasts made from them. */
package io.chaoscast.jobs.forecast;
