package io.chaoscast.jobs.metrics;

import io.chaoscast.connectors.schema.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per dead-letter reason, exported as {@code ..._chaoscast_dlq_records{reason="..."}}.
 * The label set is the reason enum, so it stays bounded.
 */
public final class DeadLetterCounters {

  private final Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);

  public DeadLetterCounters(MetricGroup operatorGroup) {
    MetricGroup group = JobMetricGroups.of(operatorGroup);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      counters.put(reason, group.addGroup("reason", reason.code()).counter("dlq_records"));
    }
  }

  public void inc(DeadLetterReason reason) {
    counters.get(reason).inc();
  }
}
