package io.chaoscast.models.drift;

import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Diagnosis of a scenario's alerts (docs/drift-eval/eeg-false-alarms.md): prints every OPEN with
 * its signals (z, value, baseline median, detectors) and, with a seventh argument, the last 12
 * blocks' z (value) of every signal and the baselines at that moment. Not a test; run with
 *
 * <pre>
 * java -cp models/target/test-classes:models/target/classes:$(cat flink-jobs/target/classpath.txt) \
 *   io.chaoscast.models.drift.DriftDiagnosis JANSEN_RIT NONE 0.1 20160 0 22 trace
 * </pre>
 *
 * (family, change, noise, samples, change-at sample, seed[, kswin=SEED][, trace]). The monitor's
 * KSWIN seed is the scenario's seed, as in the offline evaluation, unless {@code kswin=} names
 * another ({@code kswin=0}: the job's and {@code detect}'s, {@code DetectCommand.SEED}).
 */
public final class DriftDiagnosis {

  private DriftDiagnosis() {}

  public static void main(String[] a) {
    SystemFamily f = SystemFamily.valueOf(a[0]);
    ChangeKind c = ChangeKind.valueOf(a[1]);
    double noise = Double.parseDouble(a[2]);
    int samples = Integer.parseInt(a[3]);
    int changeAt = Integer.parseInt(a[4]);
    long seed = Long.parseLong(a[5]);
    List<String> options = List.of(a).subList(6, a.length);
    boolean trace = options.contains("trace");
    long kswinSeed =
        options.stream()
            .filter(o -> o.startsWith("kswin="))
            .mapToLong(o -> Long.parseLong(o.substring(6)))
            .findFirst()
            .orElse(seed);
    Scenario s = new Scenario(f, c, noise, samples, changeAt, seed);
    ScenarioSeries ser = s.generate();
    MonitorConfig cfg = MonitorConfig.defaults();
    StreamMonitor m = new StreamMonitor(s.name(), ser.values()[0].length, cfg, kswinSeed);
    Deque<String> hist = new ArrayDeque<>();
    BlockSignals lastSeen = null;
    for (int t = 0; t < ser.times().length; t++) {
      List<AlertEvent> ev = m.update(ser.times()[t], ser.values()[t]);
      BlockSignals b = m.lastSignals();
      if (b != null && b != lastSeen && m.monitoring()) {
        lastSeen = b;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "t=%.3f", b.timeSeconds()));
        for (int i = 0; i < b.z().length; i++)
          sb.append(
              String.format(
                  Locale.ROOT,
                  " %s=%.2f(%.3f)",
                  Signal.values()[i].key().replaceAll("_.*", ""),
                  b.z()[i],
                  b.values()[i]));
        hist.addLast(sb.toString());
        if (hist.size() > 12) hist.removeFirst();
      }
      for (AlertEvent e : ev) {
        if (e.phase() != AlertPhase.OPEN) {
          System.out.printf(Locale.ROOT, "  RESOLVED %s at %.3f%n", e.kind(), e.timeSeconds());
          continue;
        }
        System.out.printf(
            Locale.ROOT,
            "OPEN %s at %.3f s (sample %d) since %.3f%n",
            e.kind(),
            e.timeSeconds(),
            t,
            e.sinceSeconds());
        System.out.printf(
            Locale.ROOT,
            "   quietest channel's window SD / reference SD: %.3f%n",
            m.quietestWindowSd());
        System.out.printf(
            Locale.ROOT,
            "   stillest channel's median increment / reference's: %.3f; loudness %.3f%n",
            m.stillestIncrementRatio(),
            m.loudness());
        for (SignalExcursion x : e.signals())
          System.out.printf(
              Locale.ROOT,
              "   %s z=%.2f value=%.4f median=%.4f since=%.3f det=%s%n",
              x.signal().key(),
              x.z(),
              x.value(),
              x.baselineMedian(),
              x.sinceSeconds(),
              x.detectors());
        if (trace) for (String h : hist) System.out.println("     " + h);
        if (trace)
          for (int i = 0; i < m.baselines.length; i++)
            System.out.printf(
                Locale.ROOT, "     baseline %s %s%n", Signal.values()[i].key(), m.baselines[i]);
      }
    }
    System.out.println("reference: tau=" + m.reference.tau + " dt=" + m.reference.dt);
  }
}
