/**
 * Seed ensembles: several models of one kind, trained with different seeds, served as the mean of
 * their forecasts ({@link io.chaoscast.models.ensemble.EnsembleForecaster}), and the child JVMs
 * that train members side by side ({@link io.chaoscast.models.ensemble.ChildJvm}).
 */
package io.chaoscast.models.ensemble;
