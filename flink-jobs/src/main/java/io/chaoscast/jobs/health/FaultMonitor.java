package io.chaoscast.jobs.health;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the job's own faults while they last: checkpoints that keep failing and a Kafka broker
 * that cannot be reached. It passes the job's alerts through unchanged (one subtask, on the
 * low-volume alerts stream) and exports two gauges, {@code consecutive_failed_checkpoints} and
 * {@code broker_unreachable_seconds} (docs/metrics.md), that the chart's Prometheus rules alert on;
 * it also logs a warning when a fault starts, every {@value #REPEAT_LOG_MS} ms while it lasts, and
 * when it clears, so that {@code ./forecaster run}'s log shows it without Prometheus.
 */
public final class FaultMonitor extends AbstractStreamOperator<Alert>
    implements OneInputStreamOperator<Alert, Alert> {

  private static final Logger LOG = LoggerFactory.getLogger(FaultMonitor.class);
  static final long CHECK_MS = 1_000;
  static final long REPEAT_LOG_MS = 30_000;

  private final Properties kafkaProperties;
  private final Duration probeEvery;
  private final Duration probeTimeout;
  private transient CheckpointHealth checkpoints;
  private transient BrokerProbe broker;
  private transient String lastLogged;
  private transient long lastLoggedAt;

  /**
   * @param kafkaProperties the job's bootstrap servers and client properties
   * @param probeEvery time between two broker probes
   * @param probeTimeout how long a probe may take before the broker counts as unreachable
   */
  public FaultMonitor(Properties kafkaProperties, Duration probeEvery, Duration probeTimeout) {
    this.kafkaProperties = kafkaProperties;
    this.probeEvery = probeEvery;
    this.probeTimeout = probeTimeout;
  }

  @Override
  public void open() throws Exception {
    super.open();
    checkpoints = new CheckpointHealth();
    broker = new BrokerProbe(kafkaProperties, probeEvery, probeTimeout, System::currentTimeMillis);
    MetricGroup group = JobMetricGroups.of(getMetricGroup());
    group.gauge(
        FaultStatus.FAILED_CHECKPOINTS_GAUGE, (Gauge<Integer>) checkpoints::consecutiveFailures);
    group.gauge(FaultStatus.BROKER_UNREACHABLE_GAUGE, (Gauge<Double>) broker::unreachableSeconds);
    broker.start();
    lastLogged = "";
    var time = getProcessingTimeService();
    time.scheduleWithFixedDelay(this::logChange, CHECK_MS, CHECK_MS);
  }

  FaultStatus status() {
    return new FaultStatus(checkpoints.consecutiveFailures(), broker.unreachableSeconds());
  }

  private void logChange(long now) {
    String fault = status().describe();
    if (fault.isEmpty()) {
      if (!lastLogged.isEmpty()) LOG.info("faults cleared (last seen: {})", lastLogged);
      lastLogged = "";
    } else if (lastLogged.isEmpty() || now - lastLoggedAt >= REPEAT_LOG_MS) {
      LOG.warn("{}", fault);
      lastLogged = fault;
      lastLoggedAt = now;
    }
  }

  @Override
  public void processElement(StreamRecord<Alert> element) {
    output.collect(element);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    checkpoints.completed(checkpointId);
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    super.notifyCheckpointAborted(checkpointId);
    checkpoints.aborted(checkpointId);
  }

  @Override
  public void close() throws Exception {
    if (broker != null) broker.close();
    super.close();
  }
}
