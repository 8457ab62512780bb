package io.chaoscast.jobs.pipeline;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Watches a submitted job's status and counts its restarts (transitions into RESTARTING), so that
 * the demo and {@code run} can say when the job is failing over instead of making progress. Polled
 * every {@value #POLL_MS} ms: a restart waits out its strategy's delay (Flink's default for
 * checkpointed jobs starts at 1 s), so none is missed in practice.
 */
public final class JobWatch implements AutoCloseable {

  static final long POLL_MS = 100;

  private final JobClient client;
  private final ScheduledExecutorService poller;
  private final AtomicInteger restarts = new AtomicInteger();

  /** Wall-clock times of the restarts, newest last (a few per incident; pruned by the reader). */
  private final Deque<Long> restartTimes = new ConcurrentLinkedDeque<>();

  private final AtomicReference<JobStatus> status = new AtomicReference<>(JobStatus.INITIALIZING);

  private JobWatch(JobClient client) {
    this.client = client;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "job-watch");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts watching {@code client}'s job. */
  public static JobWatch start(JobClient client) {
    JobWatch watch = new JobWatch(client);
    watch.poller.scheduleWithFixedDelay(watch::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    return watch;
  }

  private void poll() {
    JobStatus now;
    try {
      now = client.getJobStatus().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return; // the job is gone or the cluster shutting down: the last status stands
    }
    JobStatus before = status.getAndSet(now);
    if (now == JobStatus.RESTARTING && before != JobStatus.RESTARTING) {
      restarts.incrementAndGet();
      restartTimes.addLast(System.currentTimeMillis());
    }
  }

  /** Times the job has restarted since the watch started. */
  public int restarts() {
    return restarts.get();
  }

  /**
   * Restarts in the last {@code window}: a long-running job may restart now and then (a broker
   * rolling), and only a burst of restarts means it cannot make progress.
   */
  public int restartsWithin(Duration window) {
    long cutoff = System.currentTimeMillis() - window.toMillis();
    while (!restartTimes.isEmpty() && restartTimes.peekFirst() < cutoff) restartTimes.pollFirst();
    return restartTimes.size();
  }

  public JobStatus status() {
    return status.get();
  }

  /** Whether the job reached a terminal state other than FINISHED (failed or cancelled). */
  public boolean failed() {
    JobStatus s = status.get();
    return s.isGloballyTerminalState() && s != JobStatus.FINISHED;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
