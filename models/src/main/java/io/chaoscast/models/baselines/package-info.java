/**
 * Strong baselines fitted once on a training series (a global fit, unlike the per-window {@link
 * io.chaoscast.models.forecast.NvarForecaster}): next-generation reservoir computing (NVAR) and an
 * echo state network, both with ridge readouts solved by EJML, both fitted in seconds. Each stores
 * its weights as a JSON file of a model artifact.
 */
package io.chaoscast.models.baselines;
