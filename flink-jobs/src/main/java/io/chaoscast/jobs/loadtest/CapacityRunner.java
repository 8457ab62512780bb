package io.chaoscast.jobs.loadtest;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.loadtest.LoadProfile;
import io.chaoscast.loadtest.LoadTestCharts;
import io.chaoscast.loadtest.capacity.CapacityJob;
import io.chaoscast.loadtest.capacity.CapacityLog;
import io.chaoscast.loadtest.capacity.CapacityReport;
import io.chaoscast.loadtest.capacity.CapacitySearch;
import io.chaoscast.loadtest.capacity.CapacitySettings;
import io.chaoscast.loadtest.capacity.CapacityUnit;
import io.chaoscast.loadtest.capacity.Measurement;
import io.chaoscast.loadtest.capacity.UnitRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./forecaster loadtest --capacity}: the capacity search with each unit a real run (the
 * passthrough or the forecasting job on fresh topics of one embedded broker), its results in {@code
 * DIR/capacity.jsonl}, {@code DIR/capacity.md} and {@code DIR/capacity.png}.
 */
public final class CapacityRunner {

  public static final String MARKDOWN = "capacity.md";
  public static final String CHART = "capacity.png";

  /**
   * @param test the load test each unit runs (its profile's streams are replaced by each rate's)
   * @param rates offered rates, events/s
   * @param p99BoundMs the latency bound of "holds"
   */
  public record Options(LoadTestOptions test, List<Long> rates, double p99BoundMs) {

    public Options {
      rates = List.copyOf(rates);
    }

    /** Fails on a profile or rate the search cannot offer, before anything is created. */
    void validate() {
      CapacitySettings settings = settings();
      for (long rate : rates) settings.streamsAt(rate);
    }

    public CapacitySettings settings() {
      LoadProfile p = test.profile();
      return new CapacitySettings(
          test.duration().toString(),
          p.name(),
          p.channels(),
          p.meanRateHz(),
          p.badFraction(),
          test.delivery().name().toLowerCase(Locale.ROOT),
          test.parallelism(),
          test.ordering().name().toLowerCase(Locale.ROOT),
          test.maxOutOfOrdernessMs(),
          test.networkBufferTimeoutMs(),
          test.drift(),
          p99BoundMs);
    }

    /** The passthrough, then every model with every batch bound. */
    public List<CapacityJob> jobs() {
      List<CapacityJob> jobs = new ArrayList<>();
      jobs.add(CapacityJob.passthrough());
      for (var v : test.variants()) jobs.add(CapacityJob.forecasting(v.model(), v.maxBatch()));
      return jobs;
    }
  }

  private final Options options;
  private final PrintStream log;

  public CapacityRunner(Options options, PrintStream log) {
    options.validate();
    this.options = options;
    this.log = log;
  }

  /**
   * Runs the units of the search not yet in {@code dir} and writes its report there.
   *
   * @param command the command line, quoted in the report
   */
  public CapacityReport run(Path dir, String command) throws Exception {
    CapacitySettings settings = options.settings();
    CapacityLog results = CapacityLog.open(dir, settings);
    CapacityReport report;
    try (var units = new FlinkUnits()) {
      report =
          new CapacitySearch(
                  settings,
                  options.jobs(),
                  options.rates(),
                  units,
                  results,
                  log,
                  System::currentTimeMillis)
              .run();
    }
    Files.writeString(dir.resolve(MARKDOWN), report.toMarkdown(command));
    LoadTestCharts.capacity(dir.resolve(CHART), report.p99AgainstRate(), settings.p99BoundMs());
    return report;
  }

  /**
   * Each unit a load-test run on one broker, started with the first unit (a rerun with nothing left
   * to run starts none).
   */
  private final class FlinkUnits implements UnitRunner, AutoCloseable {
    private EmbeddedKafkaBroker broker;

    @Override
    public Measurement run(CapacityUnit unit, LoadProfile profile) throws Exception {
      if (broker == null) broker = EmbeddedKafkaBroker.start();
      CapacityJob job = unit.job();
      var variant =
          job.isPassthrough() ? null : new LoadTestOptions.Variant(job.model(), job.maxBatch());
      return new LoadTestRunner(options.test().withProfile(profile), log).measure(broker, variant);
    }

    @Override
    public void close() throws Exception {
      if (broker != null) broker.close();
    }
  }
}
