/** Data-quality alerts per stream: gaps, flat lines, NaN bursts, channel-count changes. */
package io.chaoscast.jobs.quality;
