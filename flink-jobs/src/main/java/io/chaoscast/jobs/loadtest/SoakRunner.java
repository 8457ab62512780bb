package io.chaoscast.jobs.loadtest;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.pipeline.LocalCluster;
import io.chaoscast.loadtest.LatencyProbe;
import io.chaoscast.loadtest.LoadGenerator;
import io.chaoscast.loadtest.SoakReport;
import io.chaoscast.loadtest.SoakSample;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;

/**
 * {@code ./forecaster loadtest --soak}: the forecasting job alone under a long open-loop load with
 * hostile records (every class of {@link LoadGenerator.Hostile}) and stream ids that keep changing,
 * sampling heap, checkpoint size, live streams and lag as it goes. Each sample is appended to
 * {@code soak.csv} and flushed as it is taken, so a run that dies still leaves its samples; at the
 * end {@link SoakReport} says whether each quantity stayed bounded.
 */
public final class SoakRunner {

  private static final String CHECKPOINT_SIZE = "flink_jobmanager_job_lastCheckpointSize";
  private static final String LIVE_STREAMS =
      "flink_taskmanager_job_task_operator_chaoscast_live_streams";

  /**
   * @param load the load test's options (duration, profile, delivery, parallelism, report...)
   * @param distinctStreams stream ids the generator rotates through over the run (0: fixed ids)
   * @param sampleEvery time between two samples
   * @param stateTtl the job's {@code stream_state_ttl_ms}: how long a stream id's state outlives
   *     its last record (shorter than the run, so that the run shows old ids being forgotten)
   */
  public record Options(
      LoadTestOptions load, int distinctStreams, Duration sampleEvery, Duration stateTtl) {}

  private final Options options;
  private final PrintStream log;

  public SoakRunner(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Runs the soak; returns its samples (also in {@code soak.csv} under the report directory). */
  public List<SoakSample> run(Path reportDir) throws Exception {
    LoadTestOptions load = options.load();
    Files.createDirectories(reportDir);
    Path csv = reportDir.resolve("soak.csv");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        BufferedWriter out =
            Files.newBufferedWriter(
                csv, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(SoakSample.CSV_HEADER);
      out.newLine();
      out.flush();
      String id = "soak-" + UUID.randomUUID().toString().substring(0, 6);
      var variant = load.variants().get(0);
      JobConfig config =
          LoadTestRunner.config(
              load, broker.bootstrapServers(), id, variant, options.stateTtl().toMillis());
      var topics = config.topics();
      broker.createTopics(
          Map.of(
              topics.observations(), load.parallelism(),
              topics.forecasts(), load.parallelism(),
              topics.alerts(), 1,
              topics.deadLetters(), 1,
              topics.skill(), load.parallelism()));
      int port = LoadTestRunner.freePort();
      var env = LocalCluster.environment(load.parallelism(), port, new Configuration());
      var job = ForecastingJob.fromConfig(config);
      job.configure(env);
      job.build(env);
      var client = env.executeAsync(ForecastingJob.JOB_NAME);
      var endpoint = config.kafka().endpoint();
      var probe =
          new LatencyProbe(
              endpoint.properties(),
              topics.forecasts(),
              topics.alerts(),
              topics.deadLetters(),
              null);
      long durationMs = load.duration().toMillis();
      // The odd (rotating) slots walk through the distinct ids together, so that over the run
      // every id is used for about the same number of samples: the job keeps meeting new streams
      // till the end, while the even slots are a stable fleet that is forecast throughout.
      double samplesInRun = load.profile().offeredEventsPerS() * durationMs / 1000.0 / 2;
      long samplesPerId =
          options.distinctStreams() == 0
              ? 1
              : Math.max(1, Math.round(samplesInRun / options.distinctStreams()));
      var generator =
          new LoadGenerator(
              topics.observations(),
              endpoint.properties(),
              load.profile(),
              new LoadGenerator.Soak(options.distinctStreams(), samplesPerId));
      Thread probeThread = LoadTestRunner.daemon(probe, "latency-probe");
      Thread generatorThread = LoadTestRunner.daemon(generator, "load-generator");
      log.printf(
          Locale.ROOT,
          "soak: %s, %d distinct stream ids (%d samples each), state TTL %s, %s%n",
          load.profile().describe(),
          options.distinctStreams(),
          samplesPerId,
          options.stateTtl(),
          load.duration());

      List<SoakSample> samples = new ArrayList<>();
      long start = System.currentTimeMillis();
      long end = start + durationMs;
      double lastProcessed = 0;
      long lastTime = start;
      while (System.currentTimeMillis() < end) {
        Thread.sleep(
            Math.min(
                options.sampleEvery().toMillis(), Math.max(1, end - System.currentTimeMillis())));
        long now = System.currentTimeMillis();
        double processed = LoadTestRunner.scrape(port, LoadTestRunner.RECORDS_IN);
        if (Double.isNaN(processed)) continue; // not up yet, or restarting
        var sample =
            new SoakSample(
                (now - start) / 1000.0,
                (processed - lastProcessed) / Math.max(1e-3, (now - lastTime) / 1000.0),
                generator.sent() - processed,
                heapMb(false),
                heapMb(true),
                LoadTestRunner.scrape(port, CHECKPOINT_SIZE),
                LoadTestRunner.scrape(port, LIVE_STREAMS),
                probe.deadLetters());
        samples.add(sample);
        out.write(sample.toCsv());
        out.newLine();
        out.flush();
        lastProcessed = processed;
        lastTime = now;
        log.printf(
            Locale.ROOT,
            "[soak %5.0fs] %7.0f events/s | lag %8.0f | heap %6.0f MB (after GC %6.0f) |"
                + " checkpoint %8.0f KB | live streams %7.0f | ETA %s%n",
            sample.atS(),
            sample.eventsPerS(),
            sample.lag(),
            sample.heapUsedMb(),
            sample.heapAfterGcMb(),
            sample.checkpointBytes() / 1024,
            sample.liveStreams(),
            eta(end - now));
      }
      generator.stop();
      generatorThread.join(10_000);
      probe.stop();
      probeThread.join(10_000);
      client.cancel().get(60, TimeUnit.SECONDS);
      return samples;
    }
  }

  private static String eta(long ms) {
    long s = Math.max(0, ms / 1000);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Heap in use, or (afterGc) in use after the last collection of each heap pool, in MB. */
  private static double heapMb(boolean afterGc) {
    if (!afterGc) {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP) continue;
      var collected = pool.getCollectionUsage();
      used += collected != null ? collected.getUsed() : pool.getUsage().getUsed();
    }
    return used / 1048576.0;
  }
}
