/**
 * Strong baselines with ridge readouts solved by EJML: next-generation reservoir computing (NVAR)
 * fitted once on a training series ({@link io.chaoscast.models.baselines.NvarModelForecaster}) or
 * afresh on every context window ({@link io.chaoscast.models.baselines.NvarForecaster}, the job's
 * default), and an echo state network. The fitted ones store their weights as a JSON file of a
 * model artifact.
 */
package io.chaoscast.models.baselines;
