package io.chaoscast.jobs.isolation;

import org.apache.flink.util.OutputTag;

/** Where a guard writes its dead letters and alerts: a process function's {@code ctx::output}. */
@FunctionalInterface
public interface SideOutput {
  <X> void output(OutputTag<X> tag, X value);
}
