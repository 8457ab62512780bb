/**
 * Forecast-skill metrics: sMAPE on the 0-200 scale and valid prediction time, both computed on
 * series standardised with the training data's per-channel mean and SD ({@link
 * io.chaoscast.models.metrics.Standardisation}), as in the PhyxMamba code. sMAPE depends on offset
 * and scale, so every reported number must say it is on standardised data.
 */
package io.chaoscast.models.metrics;
