/**
 * How per-stream keyed state is kept and forgotten (time-to-live settings shared by the stages).
 */
package io.chaoscast.jobs.state;
