/**
 * Model artifacts: a directory holding {@code manifest.json} (what the model is, how it was trained
 * and validated, how to normalise its input) next to its weights, and the loader that checks the
 * manifest before building a {@link io.chaoscast.models.forecast.Forecaster} from it.
 */
package io.chaoscast.models.artifact;
