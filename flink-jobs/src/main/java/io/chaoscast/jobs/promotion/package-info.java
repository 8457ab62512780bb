/**
 * Champion/challenger promotion per stream: online skill decides which model serves a stream, and
 * every switch is an event on the promotions topic that the job reads back to route the stream.
 */
package io.chaoscast.jobs.promotion;
