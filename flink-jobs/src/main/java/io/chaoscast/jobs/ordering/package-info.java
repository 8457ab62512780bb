/** Per-stream event-time ordering, and the late and duplicate records it turns away. */
package io.chaoscast.jobs.ordering;
