/** The job configuration: one YAML file, defaults, and validation that fails fast at start. */
package io.chaoscast.jobs.config;
