/** Forecasters: the contract {@code [B][L][d] -> [B][H][d]} and the persistence baseline. */
package io.chaoscast.models.forecast;
