package io.chaoscast.models.drift;

import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioOutcome;
import io.chaoscast.models.scenarios.ScenarioRunner;
import io.chaoscast.models.scenarios.SystemFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stationary EEG controls in bulk, to bound the false-alarm rate the held-out suite's 0.99 EEG
 * stream-hours cannot (0 alarms in T hours bounds the rate at 3.0 / T per hour, 95 %): five-minute
 * Jansen-Rit background streams, as in the suites, on seeds no suite uses. Not a test; run with
 *
 * <pre>
 * java -cp models/target/test-classes:models/target/classes:$(cat flink-jobs/target/classpath.txt) \
 *   io.chaoscast.models.drift.EegControlHours OUT.tsv NOISE FIRST_SEED LAST_SEED
 * </pre>
 *
 * One line per seed is appended to OUT.tsv as it finishes (seed, noise, monitored hours, false
 * alarms, their kinds); a rerun skips the seeds already there, so a killed run resumes. Prints a
 * progress line per seed and, at the end, the totals of the whole file with the exact Poisson upper
 * bound of the rate.
 */
public final class EegControlHours {

  /** Five minutes at 256 Hz, as {@code ScenarioSuite}'s EEG controls. */
  private static final int SAMPLES = 76_800;

  private EegControlHours() {}

  public static void main(String[] a) throws IOException {
    Path out = Path.of(a[0]);
    double noise = Double.parseDouble(a[1]);
    long first = Long.parseLong(a[2]);
    long last = Long.parseLong(a[3]);
    Set<String> done = new HashSet<>();
    if (Files.exists(out)) {
      for (String line : Files.readAllLines(out)) {
        String[] f = line.split("\t");
        if (f.length > 1 && !f[0].equals("seed")) done.add(f[0] + "/" + f[1]);
      }
    } else {
      append(out, "seed\tnoise\thours\tfalse_alarms\tkinds");
    }
    long start = System.nanoTime();
    int run = 0;
    long todo = last - first + 1;
    for (long seed = first; seed <= last; seed++) {
      String key = seed + "/" + noise;
      if (done.contains(key)) {
        todo--;
        continue;
      }
      Scenario s = new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.NONE, noise, SAMPLES, 0, seed);
      ScenarioOutcome o = ScenarioRunner.run(s, MonitorConfig.defaults());
      append(
          out,
          String.format(
              Locale.ROOT,
              "%d\t%s\t%.6f\t%d\t%s",
              seed,
              noise,
              o.stationaryHours(),
              o.falseAlarms(),
              o.falseAlarmKinds()));
      run++;
      double perSeed = (System.nanoTime() - start) / 1e9 / run;
      System.err.printf(
          Locale.ROOT,
          "[eeg-controls] seed %d: %d false alarms; %d/%d, %.1f s per stream, ETA %.0f s%n",
          seed,
          o.falseAlarms(),
          run,
          todo,
          perSeed,
          perSeed * (todo - run));
    }
    double hours = 0;
    int alarms = 0;
    int streams = 0;
    for (String line : Files.readAllLines(out)) {
      String[] f = line.split("\t");
      if (f[0].equals("seed")) continue;
      hours += Double.parseDouble(f[2]);
      alarms += Integer.parseInt(f[3]);
      streams++;
    }
    System.out.printf(
        Locale.ROOT,
        "%d streams, %.2f stream-hours, %d false alarms: %.3f per stream-hour (95 %% upper bound"
            + " %.3f)%n",
        streams,
        hours,
        alarms,
        alarms / hours,
        poissonUpperBound(alarms, 0.05) / hours);
  }

  /**
   * The exact one-sided upper confidence bound of a Poisson mean after {@code k} events: the mean
   * at which seeing at most k has probability {@code alpha} (Garwood 1936), by bisection.
   */
  static double poissonUpperBound(int k, double alpha) {
    double lo = 0;
    double hi = k + 10 + 10 * Math.sqrt(k + 1);
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (poissonCdf(k, mid) > alpha) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  private static double poissonCdf(int k, double mean) {
    double term = Math.exp(-mean);
    double sum = term;
    for (int i = 1; i <= k; i++) {
      term *= mean / i;
      sum += term;
    }
    return sum;
  }

  private static void append(Path out, String line) throws IOException {
    Files.write(
        out,
        List.of(line),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
