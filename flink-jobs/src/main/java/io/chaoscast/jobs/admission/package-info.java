/**
 * Admission of streams into the job's keyed state: bounds how many streams one subtask keeps state
 * for, so that a producer inventing stream ids cannot grow the state without limit.
 */
package io.chaoscast.jobs.admission;
