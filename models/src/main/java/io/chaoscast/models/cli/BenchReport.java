package io.chaoscast.models.cli;

import io.chaoscast.models.signal.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ./forecaster bench} produced: one row per (system, model, seed) unit, the mean and
 * spread over seeds of each (system, model), each model's mean over systems, and the files they
 * were written to: {@code table} (Markdown) and {@code json}.
 */
public record BenchReport(
    String command, List<Row> rows, Path table, Path json, int unitsRun, int unitsSkipped) {

  /**
   * One unit's scores under the protocol (means over the test origins; VPT median and quartiles).
   *
   * @param seed the training seed (initialisation, windows, reservoir); the untrained models and
   *     NVAR do not depend on it
   * @param validationVptLyapunov mean VPT on the validation tail of the training series of the
   *     model the selection kept (the score every choice was made on); null for untrained models
   * @param members how many seed-ensemble members the unit serves when their number was chosen
   *     ({@code bench --ensemble-up-to}); null otherwise
   * @param selectionVptLyapunov the selection-trajectory VPT of 1, 2, ... members the choice was
   *     made on; null where no choice was made (one model below the validation cap, or no choice)
   */
  public record Row(
      String system,
      String model,
      long seed,
      double vptLyapunov,
      double vptLyapunovMedian,
      double vptLyapunovQ25,
      double vptLyapunovQ75,
      double smape1lt,
      double smape4lt,
      double smape10lt,
      double dFrac,
      double dStsp,
      Double validationVptLyapunov,
      double trainSeconds,
      int origins,
      Integer members,
      List<Double> selectionVptLyapunov) {}

  /**
   * The test VPT of one (system, model) over its seeds: the mean of the per-seed means over
   * origins, their sample SD (NaN for one seed), smallest and largest.
   */
  public record Summary(
      String system,
      String model,
      int seeds,
      double vptLyapunov,
      double vptLyapunovSd,
      double vptLyapunovMin,
      double vptLyapunovMax,
      double validationVptLyapunov,
      double trainSeconds) {}

  /**
   * One model's mean test VPT over the systems it ran on with every seed: per seed the mean over
   * those systems, then the mean and sample SD of that over the seeds.
   */
  public record ModelMean(
      String model, int systems, int seeds, double vptLyapunov, double vptLyapunovSd) {}

  public BenchReport {
    rows = List.copyOf(rows);
  }

  /** The row of one unit; the first seed's if the model ran with several. */
  public Optional<Row> row(String system, String model) {
    return rows.stream()
        .filter(r -> r.system().equals(system) && r.model().equals(model))
        .findFirst();
  }

  public Optional<Row> row(String system, String model, long seed) {
    return rows.stream()
        .filter(r -> r.system().equals(system) && r.model().equals(model) && r.seed() == seed)
        .findFirst();
  }

  /** Mean and spread over seeds per (system, model), in the order the units ran. */
  public List<Summary> summaries() {
    Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      groups.computeIfAbsent(List.of(r.system(), r.model()), k -> new ArrayList<>()).add(r);
    }
    List<Summary> out = new ArrayList<>();
    for (List<Row> g : groups.values()) {
      double[] vpt = g.stream().mapToDouble(Row::vptLyapunov).toArray();
      double validation =
          g.stream()
              .map(Row::validationVptLyapunov)
              .mapToDouble(v -> v == null ? Double.NaN : v)
              .average()
              .orElse(Double.NaN);
      out.add(
          new Summary(
              g.get(0).system(),
              g.get(0).model(),
              g.size(),
              Stats.mean(vpt),
              Stats.std(vpt),
              java.util.Arrays.stream(vpt).min().orElse(Double.NaN),
              java.util.Arrays.stream(vpt).max().orElse(Double.NaN),
              validation,
              g.stream().mapToDouble(Row::trainSeconds).average().orElse(Double.NaN)));
    }
    return out;
  }

  /** Each model's mean over the systems that have a row for every one of its seeds. */
  public List<ModelMean> modelMeans() {
    Set<String> models = new LinkedHashSet<>();
    for (Row r : rows) models.add(r.model());
    List<ModelMean> out = new ArrayList<>();
    for (String model : models) {
      List<Row> own = rows.stream().filter(r -> r.model().equals(model)).toList();
      Set<Long> seeds = new LinkedHashSet<>();
      Set<String> systems = new LinkedHashSet<>();
      for (Row r : own) {
        seeds.add(r.seed());
        systems.add(r.system());
      }
      systems.removeIf(s -> seeds.stream().anyMatch(seed -> row(s, model, seed).isEmpty()));
      if (systems.isEmpty()) continue;
      double[] perSeed = new double[seeds.size()];
      int i = 0;
      for (long seed : seeds) {
        double sum = 0;
        for (String s : systems) sum += row(s, model, seed).orElseThrow().vptLyapunov();
        perSeed[i++] = sum / systems.size();
      }
      out.add(
          new ModelMean(
              model, systems.size(), seeds.size(), Stats.mean(perSeed), Stats.std(perSeed)));
    }
    return out;
  }
}
