/** {@code ./forecaster demo}: the whole service on one machine, with a live status line. */
package io.chaoscast.jobs.demo;
