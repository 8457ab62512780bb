/** The {@code ./forecaster} command line. */
package io.chaoscast.jobs.cli;
