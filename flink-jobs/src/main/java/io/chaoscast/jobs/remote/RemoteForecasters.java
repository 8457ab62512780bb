package io.chaoscast.jobs.remote;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig.RemoteInference;
import io.chaoscast.jobs.metrics.AlertCounters;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.models.forecast.Forecaster;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Builds a {@link RemoteForecaster} inside a running operator, with its metrics and alerts (names
 * and definitions in docs/metrics.md): counters {@code remote_inference_calls}, {@code
 * remote_inference_failures}, {@code inference_fallback_forecasts}, the gauge {@code
 * inference_fallback_active} (1 while the breaker is not closed) and the {@code
 * kind_state_alerts{kind="INFERENCE_FALLBACK"}} counters.
 */
public final class RemoteForecasters {

  private RemoteForecasters() {}

  /**
   * @param operatorGroup the operator's metric group
   * @param alerts where {@code INFERENCE_FALLBACK} alerts go (the operator's alert side output)
   */
  public static RemoteForecaster open(
      RemoteInference settings,
      Forecaster fallback,
      MetricGroup operatorGroup,
      int subtask,
      Consumer<Alert> alerts) {
    MetricGroup group = JobMetricGroups.of(operatorGroup);
    var counters =
        new RemoteForecaster.Counters(
            group.counter("remote_inference_calls"),
            group.counter("remote_inference_failures"),
            group.counter("inference_fallback_forecasts"));
    var alertCounters = new AlertCounters(operatorGroup, List.of(Alert.Kind.INFERENCE_FALLBACK));
    var fallbackAlerts =
        new FallbackAlerts(
            settings.url(),
            fallback.id(),
            subtask,
            System::currentTimeMillis,
            alert -> {
              alertCounters.count(alert);
              alerts.accept(alert);
            });
    RemoteForecaster remote =
        new RemoteForecaster(settings, fallback, counters, System::nanoTime, fallbackAlerts);
    group.gauge(
        "inference_fallback_active", (Gauge<Integer>) () -> remote.fallbackActive() ? 1 : 0);
    return remote;
  }
}
