package io.chaoscast.jobs.ingest;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.serde.ObservationParser;
import io.chaoscast.connectors.serde.RecordLimits;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.metrics.DeadLetterCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses raw Kafka records into observations. Records over the size limits, unparseable records,
 * and records whose event time is too far from their Kafka timestamp (either way) or too far ahead
 * of the job's clock go to the dead-letter side output; the job never fails on input.
 *
 * <p>The future bound is the one that protects the watermark: a record from the future that got
 * through would move its partition's watermark ahead and make every later record of every stream on
 * that partition late ({@link EagerBoundedOutOfOrderness} bounds what one record can do there).
 */
public final class ParseObservations extends ProcessFunction<SourceRecord, Observation> {

  private static final long serialVersionUID = 1L;

  private final long maxTimestampSkewMs;
  private final long maxFutureSkewMs;
  private final RecordLimits limits;
  private transient ObservationParser parser;
  private transient Counter recordsIn;
  private transient DeadLetterCounters deadLetters;

  public ParseObservations(JobConfig.EventTime eventTime, JobConfig.Limits limits) {
    this(eventTime.maxTimestampSkewMs(), eventTime.maxFutureSkewMs(), limits.recordLimits());
  }

  /**
   * Whether an event time is further than {@code maxTimestampSkewMs} from its record's Kafka
   * timestamp; false when the check is off (0) or the record has no timestamp (-1). The parser
   * bounds event times to years 0000..9999 and Kafka timestamps are >= -1, so the difference cannot
   * overflow (Math.abs of an overflowed difference once let Long.MIN_VALUE in).
   */
  public static boolean skewed(long eventMillis, long kafkaMillis, long maxTimestampSkewMs) {
    return maxTimestampSkewMs > 0
        && kafkaMillis >= 0
        && Math.abs(eventMillis - kafkaMillis) > maxTimestampSkewMs;
  }

  /**
   * How far an event time is ahead of the earlier of its Kafka timestamp (when it has one) and
   * {@code nowMillis}: a producer whose clock runs ahead stamps both the event time and the Kafka
   * CreateTime from it, and only the reader's clock catches that.
   */
  public static long ahead(long eventMillis, long kafkaMillis, long nowMillis) {
    return eventMillis - (kafkaMillis >= 0 ? Math.min(kafkaMillis, nowMillis) : nowMillis);
  }

  /**
   * @param maxTimestampSkewMs largest |event time - Kafka timestamp|; 0 turns the check off
   * @param maxFutureSkewMs how far the event time may be ahead of min(Kafka timestamp, now); 0
   *     turns the check off
   */
  public ParseObservations(long maxTimestampSkewMs, long maxFutureSkewMs, RecordLimits limits) {
    this.maxTimestampSkewMs = maxTimestampSkewMs;
    this.maxFutureSkewMs = maxFutureSkewMs;
    this.limits = limits;
  }

  @Override
  public void open(OpenContext openContext) {
    parser = new ObservationParser(limits);
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
    long ts = o.timestampMillis();
    long kafkaTs = record.kafkaTimestampMillis();
    if (skewed(ts, kafkaTs, maxTimestampSkewMs)) {
      long skew = Math.abs(ts - kafkaTs);
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
    long ahead = ahead(ts, kafkaTs, ctx.timerService().currentProcessingTime());
    if (maxFutureSkewMs > 0 && ahead > maxFutureSkewMs) {
      reject(
          ctx,
          new DeadLetter(
              DeadLetterReason.FUTURE_TIMESTAMP,
              "event time is "
                  + ahead
                  + " ms ahead of the Kafka timestamp or the job's clock (allowed "
                  + maxFutureSkewMs
                  + ", event_time.max_future_skew_ms)",
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
