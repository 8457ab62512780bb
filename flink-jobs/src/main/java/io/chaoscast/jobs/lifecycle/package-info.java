/**
 * Trained models inside the job: loading artifacts on the configured device ({@link
 * io.chaoscast.jobs.lifecycle.ModelLoader}), the live registry the batching operator forecasts with
 * ({@link io.chaoscast.jobs.lifecycle.ModelRegistry}), and the announcements on the models control
 * topic that swap versions without a restart ({@link
 * io.chaoscast.jobs.lifecycle.ParseModelAnnouncements}).
 */
package io.chaoscast.jobs.lifecycle;
