/**
 * Training: the data a model is fitted on (a simulated catalogue system or a CSV), its split into
 * fitting and validation segments, validation scoring under the benchmark protocol, and model
 * selection for the baselines.
 */
package io.chaoscast.models.training;
