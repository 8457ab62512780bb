package io.chaoscast.loadtest.capacity;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The capacity search: for each job in turn (the passthrough first), the offered rates in ascending
 * order, stopping the job's ladder at the first rate it does not hold. Units already in the results
 * file are not run again, nor the rates above one a job already failed; every unit run is appended
 * to the file as soon as it finishes.
 */
public final class CapacitySearch {

  /** Start-up and shut-down of a unit on top of its duration, for the first ETA of a search. */
  private static final double FIRST_GUESS_OVERHEAD_S = 20;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final CapacitySettings settings;
  private final List<CapacityJob> jobs;
  private final List<Long> rates;
  private final UnitRunner runner;
  private final CapacityLog log;
  private final PrintStream progress;
  private final LongSupplier clockMs;

  /**
   * @param rates offered rates in events/s, in any order (they are run ascending)
   * @param clockMs wall clock in ms, for the unit times and the ETA
   */
  public CapacitySearch(
      CapacitySettings settings,
      List<CapacityJob> jobs,
      List<Long> rates,
      UnitRunner runner,
      CapacityLog log,
      PrintStream progress,
      LongSupplier clockMs) {
    if (jobs.isEmpty() || rates.isEmpty()) {
      throw new IllegalArgumentException("a capacity search needs at least one job and one rate");
    }
    this.settings = settings;
    this.jobs = List.copyOf(new LinkedHashSet<>(jobs));
    this.rates = List.copyOf(new TreeSet<>(rates));
    for (long rate : this.rates) settings.streamsAt(rate); // fail before anything runs
    this.runner = runner;
    this.log = log;
    this.progress = progress;
    this.clockMs = clockMs;
  }

  /** Runs what is not in the results file yet and reports on every job's ladder. */
  public CapacityReport run() throws Exception {
    List<CapacityUnit> planned = plan();
    List<Double> wallS = new ArrayList<>();
    Set<CapacityJob> failed = new LinkedHashSet<>();
    int done = 0;
    for (int i = 0; i < planned.size(); i++) {
      CapacityUnit unit = planned.get(i);
      if (failed.contains(unit.job())) continue;
      int left =
          (int)
              planned.subList(i, planned.size()).stream()
                  .filter(u -> !failed.contains(u.job()))
                  .count();
      int streams = settings.streamsAt(unit.rateEventsPerS());
      progress.printf(
          Locale.ROOT,
          "capacity: unit %d of %d: %s (%d streams), %s%n",
          done + 1,
          done + left,
          unit.label(),
          streams,
          eta(left, wallS));
      long start = clockMs.getAsLong();
      Measurement measured = runner.run(unit, settings.profileAt(unit.rateEventsPerS()));
      double took = (clockMs.getAsLong() - start) / 1000.0;
      wallS.add(took);
      List<String> why =
          new HoldCriteria(settings.p99BoundMs()).failures(unit.rateEventsPerS(), measured);
      log.append(
          new CapacityRecord(
              settings,
              unit.job(),
              unit.rateEventsPerS(),
              streams,
              measured.run(),
              measured.restarts(),
              why.isEmpty(),
              why,
              took));
      done++;
      if (why.isEmpty()) {
        progress.printf(
            Locale.ROOT,
            "capacity: %s: held (sustained %.0f events/s, p50 %.0f ms, p99 %.0f ms)%n",
            unit.label(),
            measured.run().sustainedEventsPerS(),
            measured.run().latencyMsP50(),
            measured.run().latencyMsP99());
      } else {
        failed.add(unit.job());
        progress.printf(
            Locale.ROOT,
            "capacity: %s: not held (%s); %s's ladder stops here%n",
            unit.label(),
            String.join("; ", why),
            unit.job().label());
      }
    }
    return CapacityReport.of(settings, jobs, rates, log.records());
  }

  /**
   * The units to run, in order, if every one held: each job's rates ascending, leaving out those in
   * the results file and everything above a rate the file says the job did not hold.
   */
  List<CapacityUnit> plan() {
    List<CapacityUnit> planned = new ArrayList<>();
    int known = 0;
    for (CapacityJob job : jobs) {
      for (long rate : rates) {
        CapacityUnit unit = new CapacityUnit(job, rate);
        Optional<CapacityRecord> earlier = log.find(unit);
        if (earlier.isEmpty()) {
          planned.add(unit);
          continue;
        }
        known++;
        if (!earlier.get().holds()) {
          progress.printf(
              Locale.ROOT,
              "capacity: %s did not hold in an earlier run (%s): its higher rates are skipped%n",
              unit.label(),
              String.join("; ", earlier.get().failures()));
          break;
        }
      }
    }
    if (known > 0) {
      progress.printf(
          Locale.ROOT, "capacity: %d unit(s) already in %s are not run again%n", known, log.file());
    }
    return planned;
  }

  private String eta(int left, List<Double> wallThisRun) {
    double perUnit =
        wallThisRun.isEmpty()
            ? log.records().stream()
                .mapToDouble(CapacityRecord::wallS)
                .filter(Double::isFinite)
                .average()
                .orElse(settings.durationValue().toSeconds() + FIRST_GUESS_OVERHEAD_S)
            : wallThisRun.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    long leftMs = (long) (left * perUnit * 1000);
    return String.format(
        Locale.ROOT,
        "ETA %s (%d min) if every rate left holds",
        CLOCK.format(Instant.ofEpochMilli(clockMs.getAsLong() + leftMs)),
        Math.round(leftMs / 60_000.0));
  }
}
