package io.chaoscast.models.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.Severity;
import io.chaoscast.models.drift.SignalExcursion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ./forecaster detect --csv FILE} reports: the alerts the drift monitor raised over the
 * series, each with its kind, severity, when it opened and resolved (NaN, null in JSON, if still
 * open at the end), since when its excursion ran, and the signals that fired.
 *
 * @param points samples read
 * @param channels channels per sample
 * @param warmupEndSeconds stream time of the sample from which the stream was monitored (NaN if the
 *     series is shorter than the warm-up)
 * @param monitoredFromSample that sample's index, counted from 0 (-1 if none)
 */
public record DetectResult(
    String stream,
    int points,
    int channels,
    double warmupEndSeconds,
    int monitoredFromSample,
    List<Alert> alerts) {

  public DetectResult {
    alerts = List.copyOf(alerts);
  }

  /** One alert, from its OPEN to its RESOLVED event. */
  public record Alert(
      AlertKind kind,
      Severity severity,
      double openedAtSeconds,
      double resolvedAtSeconds,
      double sinceSeconds,
      List<SignalExcursion> signals) {

    public Alert {
      signals = List.copyOf(signals);
    }
  }

  public boolean monitored() {
    return Double.isFinite(warmupEndSeconds);
  }

  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stream", stream);
    m.put("points", points);
    m.put("channels", channels);
    m.put("warmup_end_seconds", finite(warmupEndSeconds));
    m.put("monitored_from_sample", monitoredFromSample < 0 ? null : monitoredFromSample);
    List<Object> list = new ArrayList<>();
    for (Alert a : alerts) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("kind", a.kind().name());
      j.put("severity", a.severity().name());
      j.put("opened_at_seconds", a.openedAtSeconds());
      j.put("resolved_at_seconds", finite(a.resolvedAtSeconds()));
      j.put("since_seconds", finite(a.sinceSeconds()));
      List<Object> signals = new ArrayList<>();
      for (SignalExcursion s : a.signals()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("signal", s.signal().key());
        x.put("detectors", s.detectors());
        x.put("z", finite(s.z()));
        x.put("value", finite(s.value()));
        x.put("baseline", finite(s.baselineMedian()));
        x.put("since_seconds", finite(s.sinceSeconds()));
        signals.add(x);
      }
      j.put("signals", signals);
      list.add(j);
    }
    m.put("alerts", list);
    return m;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  public String toJson() {
    try {
      return new ObjectMapper().writeValueAsString(toJsonMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Human-readable lines for stderr. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d points, %d channels%n", stream, points, channels));
    if (!monitored()) {
      return sb.append("series shorter than the warm-up: nothing monitored\n").toString();
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "monitoring from %.6g s (sample %d); %d alerts%n",
            warmupEndSeconds,
            monitoredFromSample,
            alerts.size()));
    for (Alert a : alerts) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-20s %-8s opened %.6g s, %s (excursion since %.6g s)%n",
              a.kind(),
              a.severity(),
              a.openedAtSeconds(),
              Double.isFinite(a.resolvedAtSeconds())
                  ? String.format(Locale.ROOT, "resolved %.6g s", a.resolvedAtSeconds())
                  : "still open",
              a.sinceSeconds()));
      for (SignalExcursion s : a.signals()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "    %-24s z = %+.1f (value %.4g, baseline %.4g) by %s%n",
                s.signal().key(),
                s.z(),
                s.value(),
                s.baselineMedian(),
                String.join(", ", s.detectors())));
      }
    }
    return sb.toString();
  }
}
