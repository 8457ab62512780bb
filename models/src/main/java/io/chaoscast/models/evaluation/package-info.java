/**
 * Forecast evaluation under the PhyxMamba / Gilpin (2021) protocol: many test origins, forecasts
 * scored on series standardised with the training data, sMAPE at 1, 4 and 10 Lyapunov times and the
 * valid prediction time, summarised as mean, median and interquartile range over origins.
 */
package io.chaoscast.models.evaluation;
