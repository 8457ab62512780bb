/** Forecasters: the contract {@code [B][L][d] -> [B][H][d]} and the baseline models. */
package io.chaoscast.models.forecast;
