/**
 * Failure isolation: what one record or one stream may throw is caught where user data is
 * processed, the record goes to the dead-letter topic as {@code internal_error}, and a stream that
 * keeps failing is quarantined for a while. A restart is kept for faults of the job itself.
 */
package io.chaoscast.jobs.isolation;
