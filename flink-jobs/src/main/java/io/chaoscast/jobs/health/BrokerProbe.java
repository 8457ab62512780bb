package io.chaoscast.jobs.health;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the Kafka cluster for its nodes every {@code every}, with the job's client properties (so
 * with its security settings), and remembers when that last worked. The source and the sinks retry
 * quietly while the broker is gone; this says for how long it has been gone.
 */
final class BrokerProbe implements AutoCloseable {

  private final Properties clientProperties;
  private final Duration every;
  private final Duration timeout;
  private final LongSupplier clock;
  private volatile long lastReachableAt;
  private volatile boolean reachable = true;
  private ScheduledExecutorService executor;
  private Properties adminProperties;
  private Admin admin;

  /**
   * @param clientProperties bootstrap servers and client properties
   * @param every time between two probes
   * @param timeout how long one probe may take before it counts as failed
   * @param clock wall-clock milliseconds
   */
  BrokerProbe(Properties clientProperties, Duration every, Duration timeout, LongSupplier clock) {
    this.clientProperties = clientProperties;
    this.every = every;
    this.timeout = timeout;
    this.clock = clock;
  }

  void start() {
    lastReachableAt = clock.getAsLong();
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "chaoscast-broker-probe");
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chaoscast-broker-probe");
              t.setDaemon(true);
              return t;
            });
    adminProperties = p;
    executor.scheduleWithFixedDelay(this::probe, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    try {
      // Created here, on the probe's thread, and again after a failed creation (an unresolvable
      // bootstrap host is a reachability fault too).
      if (admin == null) admin = Admin.create(adminProperties);
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      lastReachableAt = clock.getAsLong();
      reachable = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception unreachable) {
      reachable = false;
    }
  }

  /** Seconds since the broker last answered, while the latest probe failed; 0 while it answers. */
  double unreachableSeconds() {
    return reachable ? 0 : Math.max(0, clock.getAsLong() - lastReachableAt) / 1000.0;
  }

  @Override
  public void close() {
    if (executor == null) return;
    executor.shutdownNow();
    try {
      executor.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) admin.close(Duration.ZERO);
  }
}
