package io.chaoscast.jobs.metrics;

import org.apache.flink.metrics.MetricGroup;

/**
 * The job's own metrics live under one group so that they are easy to find: in Prometheus they are
 * named {@code flink_taskmanager_job_task_operator_chaoscast_<metric>}.
 */
public final class JobMetricGroups {

  public static final String GROUP = "chaoscast";

  private JobMetricGroups() {}

  public static MetricGroup of(MetricGroup operatorGroup) {
    return operatorGroup.addGroup(GROUP);
  }
}
