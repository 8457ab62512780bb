package io.chaoscast.jobs.drift;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Alert.SignalReading;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.SignalExcursion;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes the monitor's {@link AlertEvent}s as {@link Alert}s of the alerts topic. */
final class DriftAlerts {

  private DriftAlerts() {}

  /**
   * Score and threshold: for a per-stream alert the largest |z| of its signals and {@code openZ};
   * for DRIFT_STORM the number of alerts it stands for (at OPEN: opened within the window; at
   * RESOLVED: absorbed) and {@code maxOpens}.
   */
  static Alert toAlert(AlertEvent e, double openZ, int maxOpens) {
    long time = millis(e.timeSeconds());
    boolean storm = e.kind() == AlertKind.DRIFT_STORM;
    double peak = 0;
    for (SignalExcursion x : e.signals()) peak = Math.max(peak, Math.abs(x.z()));
    List<SignalReading> readings =
        e.signals().stream()
            .map(
                x ->
                    new SignalReading(
                        x.signal().key(),
                        x.z(),
                        x.value(),
                        x.baselineMedian(),
                        millis(x.sinceSeconds()),
                        x.detectors()))
            .toList();
    return new Alert(
        e.streamId(),
        time,
        Alert.Kind.valueOf(e.kind().name()),
        Alert.Severity.valueOf(e.severity().name()),
        storm ? e.streams() : peak,
        storm ? maxOpens : openZ,
        e.phase() == AlertPhase.OPEN ? Alert.State.OPEN : Alert.State.RESOLVED,
        details(e, storm),
        Double.isFinite(e.sinceSeconds()) ? millis(e.sinceSeconds()) : time,
        readings);
  }

  private static String details(AlertEvent e, boolean storm) {
    if (storm) {
      return e.phase() == AlertPhase.OPEN
          ? e.streams() + " drift alerts opened within the storm window; further ones are held back"
          : e.streams() + " drift alerts were held back during the storm";
    }
    String signals =
        e.signals().stream()
            .map(
                x ->
                    String.format(
                        Locale.ROOT,
                        "%s z=%+.1f (%s) since %.3f s",
                        x.signal().key(),
                        x.z(),
                        String.join("+", x.detectors()),
                        x.sinceSeconds()))
            .collect(Collectors.joining("; "));
    return e.phase() == AlertPhase.OPEN
        ? signals
        : String.format(Locale.ROOT, "open since %.3f s; peak: %s", e.openedAtSeconds(), signals);
  }

  static long millis(double seconds) {
    return Math.round(seconds * 1000);
  }
}
