/**
 * The trainer service ({@code ./forecaster trainer}), beside the job: it keeps a bounded history
 * per stream from the observations topic, fits candidate models on each stream's own history,
 * validates them on the stream's most recent held-out stretch by valid prediction time, writes the
 * best to the model store and announces it on the models topic as the stream's challenger. Work is
 * bounded (concurrent fits) and prioritised (worst live skill first), and a restart does not redo
 * work whose announcement is on the models topic.
 */
package io.chaoscast.jobs.trainer;
