package io.chaoscast.jobs.ingest;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.serde.ObservationParser;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses raw Kafka records into observations. Unparseable records and records whose event time is
 * further than the allowed skew from their Kafka timestamp go to the dead-letter side output; the
 * job never fails on input.
 */
public final class ParseObservations extends ProcessFunction<SourceRecord, Observation> {

  private static final long serialVersionUID = 1L;

  private final long maxTimestampSkewMs;
  private transient ObservationParser parser;
  private transient Counter recordsIn;
  private transient DeadLetterCounters deadLetters;

  /**
   * @param maxTimestampSkewMs 0 turns the skew check off
   */
  public ParseObservations(long maxTimestampSkewMs) {
    this.maxTimestampSkewMs = maxTimestampSkewMs;
  }

  @Override
  public void open(OpenContext openContext) {
    parser = new ObservationParser();
    var group = getRuntimeContext().getMetricGroup();
    recordsIn = JobMetricGroups.of(group).counter("records_in");
    deadLetters = new DeadLetterCounters(group);
  }

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<Observation> out) {
    recordsIn.inc();
    Observation o;
    try {
      o = parser.parse(record);
    } catch (InvalidRecordException e) {
      reject(ctx, new DeadLetter(e.reason(), e.getMessage(), e.stream(), record));
      return;
    }
    long skew = Math.abs(o.timestampMillis() - record.kafkaTimestampMillis());
    if (maxTimestampSkewMs > 0 && skew > maxTimestampSkewMs) {
      reject(
          ctx,
          new DeadLetter(
              DeadLetterReason.TIMESTAMP_SKEW,
              "event time is "
                  + skew
                  + " ms from the Kafka timestamp (allowed "
                  + maxTimestampSkewMs
                  + ")",
              o.stream(),
              record));
      return;
    }
    out.collect(o);
  }

  private void reject(Context ctx, DeadLetter letter) {
    deadLetters.send(letter, ctx::output);
  }
}
