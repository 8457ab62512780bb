/** The forecasting job's graph: sources, operators, sinks, and their side outputs. */
package io.chaoscast.jobs.pipeline;
