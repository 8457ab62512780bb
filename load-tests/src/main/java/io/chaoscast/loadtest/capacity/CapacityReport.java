package io.chaoscast.loadtest.capacity;

import io.chaoscast.models.charts.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a capacity search found: per job, the highest rate of its ladder it held and its ratio to
 * the passthrough's, and every unit in the results file.
 *
 * @param rates the ladder, ascending
 * @param jobs the jobs searched, the passthrough first
 * @param capacities one per job, in the order of {@code jobs}
 * @param records every unit in the results file, including rates and models of earlier runs that
 *     this one did not ask for
 */
public record CapacityReport(
    CapacitySettings settings,
    List<Long> rates,
    List<CapacityJob> jobs,
    List<Capacity> capacities,
    List<CapacityRecord> records) {

  /**
   * One job's result.
   *
   * @param highestHeld the unit at the highest rate held before the first one not held; empty when
   *     it did not hold the lowest rate (or nothing ran)
   * @param firstNotHeld the unit at which the ladder stopped; empty when it held every rate offered
   *     (its capacity may be higher) or the ladder has not finished
   * @param ratioToPassthrough highest rate held / the passthrough's highest rate held (NaN when
   *     either has none)
   */
  public record Capacity(
      CapacityJob job,
      Optional<CapacityRecord> highestHeld,
      Optional<CapacityRecord> firstNotHeld,
      double ratioToPassthrough) {}

  public static CapacityReport of(
      CapacitySettings settings,
      List<CapacityJob> jobs,
      List<Long> rates,
      List<CapacityRecord> records) {
    List<Long> ascending = rates.stream().sorted().distinct().toList();
    List<Capacity> capacities = new ArrayList<>();
    double passthroughRate = Double.NaN;
    for (CapacityJob job : jobs) {
      Optional<CapacityRecord> held = Optional.empty();
      Optional<CapacityRecord> notHeld = Optional.empty();
      for (long rate : ascending) {
        var unit = new CapacityUnit(job, rate);
        var found = records.stream().filter(r -> r.unit().equals(unit)).findFirst();
        if (found.isEmpty()) break; // not run (yet)
        if (!found.get().holds()) {
          notHeld = found;
          break;
        }
        held = found;
      }
      double rate = held.map(r -> (double) r.rateEventsPerS()).orElse(Double.NaN);
      if (job.isPassthrough()) passthroughRate = rate;
      capacities.add(new Capacity(job, held, notHeld, Double.NaN));
    }
    double base = passthroughRate;
    List<Capacity> withRatios =
        capacities.stream()
            .map(
                c ->
                    new Capacity(
                        c.job(),
                        c.highestHeld(),
                        c.firstNotHeld(),
                        c.highestHeld().map(r -> r.rateEventsPerS() / base).orElse(Double.NaN)))
            .toList();
    return new CapacityReport(
        settings, ascending, List.copyOf(jobs), withRatios, List.copyOf(records));
  }

  public Optional<Capacity> capacity(CapacityJob job) {
    return capacities.stream().filter(c -> c.job().equals(job)).findFirst();
  }

  /** p99 against offered rate, one series per job of this search (the chart's lines). */
  public List<Series> p99AgainstRate() {
    List<Series> out = new ArrayList<>();
    for (CapacityJob job : jobs) {
      List<CapacityRecord> units = unitsOf(job);
      double[] x = new double[units.size()];
      double[] y = new double[units.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = units.get(i).rateEventsPerS();
        y[i] = units.get(i).run().latencyMsP99();
      }
      out.add(new Series(job.label(), x, y));
    }
    return out;
  }

  /** The job's units at this search's rates, ascending. */
  private List<CapacityRecord> unitsOf(CapacityJob job) {
    return records.stream()
        .filter(r -> r.job().equals(job) && rates.contains(r.rateEventsPerS()))
        .sorted(Comparator.comparingLong(CapacityRecord::rateEventsPerS))
        .toList();
  }

  public String toMarkdown(String command) {
    StringBuilder summary = new StringBuilder();
    for (Capacity c : capacities) {
      summary.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s |%n",
              c.job().label(),
              highest(c),
              c.highestHeld().map(r -> ms(r.run().latencyMsP50())).orElse("-"),
              c.highestHeld().map(r -> ms(r.run().latencyMsP99())).orElse("-"),
              Double.isNaN(c.ratioToPassthrough())
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", c.ratioToPassthrough())));
    }
    StringBuilder every = new StringBuilder();
    List<CapacityRecord> ordered = new ArrayList<>(records);
    ordered.sort(
        Comparator.comparingInt((CapacityRecord r) -> jobOrder(r.job()))
            .thenComparing(r -> r.job().label())
            .thenComparingLong(CapacityRecord::rateEventsPerS));
    for (CapacityRecord r : ordered) {
      every.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              r.job().label(),
              r.rateEventsPerS(),
              r.streams(),
              Double.isNaN(r.run().sustainedEventsPerS())
                  ? "-"
                  : String.format(Locale.ROOT, "%,.0f", r.run().sustainedEventsPerS()),
              Double.isNaN(r.run().sustainedEventsPerS())
                  ? "-"
                  : String.format(
                      Locale.ROOT, "%.3f", r.run().sustainedEventsPerS() / r.rateEventsPerS()),
              r.run().lagGrowing() ? "yes" : "no",
              Double.isNaN(r.restarts()) ? "?" : String.format(Locale.ROOT, "%.0f", r.restarts()),
              ms(r.run().latencyMsP50()),
              ms(r.run().latencyMsP99()),
              r.holds() ? "yes" : "no",
              String.join("; ", r.failures())));
    }
    return String.format(
        Locale.ROOT,
        """
        # Capacity search

        Command: `%s`

        %s. Rates offered (events/s, ascending; a job's ladder stops at the first it does not hold):
        %s.

        A job **holds** a rate when, over the measured window (each run after its 20 %% warm-up): it
        sustained at least %.0f %% of the offered rate (from its `records_in` counter), its lag did
        not grow (it ended the window no more than one second of offered load above where it
        started), it did not restart, and its p99 end-to-end latency was at most %s ms.

        | job | highest rate held (events/s) | p50 ms | p99 ms | ratio to passthrough |
        |---|---|---|---|---|
        %s
        Latencies are at the highest rate held. Chart: capacity.png (p99 against offered rate).

        ## Every unit

        | job | offered events/s | streams | sustained events/s | sustained / offered | lag growing | restarts | p50 ms | p99 ms | held | why not |
        |---|---|---|---|---|---|---|---|---|---|---|
        %s""",
        command,
        settings.describe(),
        String.join(", ", rates.stream().map(r -> String.format(Locale.ROOT, "%,d", r)).toList()),
        100 * HoldCriteria.MIN_SUSTAINED_FRACTION,
        ms(settings.p99BoundMs()),
        summary,
        every);
  }

  private String highest(Capacity c) {
    String held =
        c.highestHeld()
            .map(r -> String.format(Locale.ROOT, "%,d", r.rateEventsPerS()))
            .orElse("none");
    if (c.firstNotHeld().isPresent()) {
      CapacityRecord stop = c.firstNotHeld().get();
      return String.format(
          Locale.ROOT,
          "%s (not %,d: %s)",
          held,
          stop.rateEventsPerS(),
          String.join("; ", stop.failures()));
    }
    boolean complete =
        c.highestHeld().map(r -> r.rateEventsPerS() == rates.get(rates.size() - 1)).orElse(false);
    return complete ? held + " (every rate offered held)" : held + " (ladder not finished)";
  }

  /** This search's jobs in their order, then any others the results file holds. */
  private int jobOrder(CapacityJob job) {
    int i = jobs.indexOf(job);
    return i >= 0 ? i : jobs.size();
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }
}
