package io.chaoscast.jobs.metrics;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.jobs.pipeline.SideOutputs;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;

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

  /** Counts the letter under its reason and sends it to the job's dead-letter side output. */
  public void send(DeadLetter letter, BiConsumer<OutputTag<DeadLetter>, DeadLetter> output) {
    count(letter);
    output.accept(SideOutputs.DEAD_LETTERS, letter);
  }

  /** Counts a letter that cannot be sent: it has no source record to carry (tests' requests). */
  public void count(DeadLetter letter) {
    counters.get(letter.reason()).inc();
  }
}
