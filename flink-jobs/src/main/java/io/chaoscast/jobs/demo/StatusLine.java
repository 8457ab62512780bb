package io.chaoscast.jobs.demo;

import io.chaoscast.connectors.synthetic.ObservationGenerator;
import io.chaoscast.jobs.health.FaultStatus;
import io.chaoscast.jobs.pipeline.JobWatch;
import io.chaoscast.loadtest.LatencyProbe;
import io.chaoscast.loadtest.PrometheusScrape;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The demo's periodic one-line status, with rates over the last interval, the promotions and
 * demotions so far (with the trainer), the job's faults while they last ({@code fault: checkpoints
 * failing 3x}, {@code fault: broker unreachable 12 s}) and the time left.
 */
final class StatusLine {

  private final PrintStream log;
  private final ObservationGenerator generator;
  private final LatencyProbe probe;
  private final JobWatch watch;
  private final Supplier<PrometheusScrape> metrics;
  private final boolean switches;
  private final long start;
  private final long end;
  private long lastTime;
  private long lastEvents;
  private long lastForecasts;
  private int lastLatencyCount;

  StatusLine(
      PrintStream log,
      ObservationGenerator generator,
      LatencyProbe probe,
      JobWatch watch,
      Supplier<PrometheusScrape> metrics,
      boolean switches,
      long start,
      long end) {
    this.log = log;
    this.generator = generator;
    this.probe = probe;
    this.watch = watch;
    this.metrics = metrics;
    this.switches = switches;
    this.start = start;
    this.end = end;
    this.lastTime = start;
  }

  void print() {
    long now = System.currentTimeMillis();
    double dt = Math.max(1e-3, (now - lastTime) / 1000.0);
    long events = generator.sent();
    long forecasts = probe.forecasts();
    var lat = probe.latencies();
    int count = lat.count();
    String left =
        end == Long.MAX_VALUE
            ? "Ctrl-C to stop"
            : String.format(Locale.ROOT, "%ds left", Math.max(0, (end - now) / 1000));
    PrometheusScrape scrape = metrics.get();
    String fault = scrape == null ? "" : FaultStatus.of(scrape).describe();
    String switched =
        switches && scrape != null
            ? String.format(
                Locale.ROOT,
                "promoted %.0f, demoted %.0f | ",
                scrape.sum(FaultStatus.PREFIX + "model_promotions"),
                scrape.sum(FaultStatus.PREFIX + "model_demotions"))
            : "";
    log.println(
        String.format(
            Locale.ROOT,
            "[%5.0fs] events/s %7.1f | forecasts/s %6.1f | latency ms p50 %6.0f p99 %6.0f | skill: VPT %.1f steps, sMAPE %.0f | %sdlq %d | open alerts %d | restarts %d | %s%s",
            (now - start) / 1000.0,
            (events - lastEvents) / dt,
            (forecasts - lastForecasts) / dt,
            lat.percentile(50, lastLatencyCount),
            lat.percentile(99, lastLatencyCount),
            probe.meanVptSteps(),
            probe.meanSmape(),
            switched,
            probe.deadLetters(),
            probe.openAlerts(),
            watch.restarts(),
            fault.isEmpty() ? "" : fault + " | ",
            left));
    lastTime = now;
    lastEvents = events;
    lastForecasts = forecasts;
    lastLatencyCount = count;
  }

  void printFinal(DemoSummary s) {
    log.println(
        String.format(
            Locale.ROOT,
            "done: %.0f s, %d events (%.1f/s), %d forecasts, %d bad records sent, %d dead letters, %d alert events;"
                + " end-to-end latency ms p50 %.0f p99 %.0f (%s); job restarts %d%s",
            s.durationS(),
            s.events(),
            s.eventsPerS(),
            s.forecasts(),
            s.badRecords(),
            s.dlq(),
            s.alerts(),
            s.latencyMs().p50(),
            s.latencyMs().p99(),
            s.delivery(),
            s.restarts(),
            s.healthy() ? "" : "; FAILED: " + s.problem()));
  }
}
