package io.chaoscast.models.drift;

import java.io.Serializable;
import java.util.List;

/**
 * An alert transition for one stream (or, for {@link AlertKind#DRIFT_STORM}, for many).
 *
 * @param streamId the stream ({@code *} for an aggregate alert)
 * @param kind what it is about
 * @param phase OPEN or RESOLVED
 * @param severity from the peak excursion (at OPEN: so far; at RESOLVED: over the whole alert)
 * @param timeSeconds stream time of this event
 * @param openedAtSeconds when the alert opened (equals timeSeconds for OPEN)
 * @param sinceSeconds when the earliest excursion behind it began
 * @param signals the signals that fired and by how much
 * @param streams for an aggregate alert: how many streams it stands for (1 otherwise)
 */
public record AlertEvent(
    String streamId,
    AlertKind kind,
    AlertPhase phase,
    Severity severity,
    double timeSeconds,
    double openedAtSeconds,
    double sinceSeconds,
    List<SignalExcursion> signals,
    int streams)
    implements Serializable {

  public AlertEvent {
    signals = List.copyOf(signals);
  }
}
