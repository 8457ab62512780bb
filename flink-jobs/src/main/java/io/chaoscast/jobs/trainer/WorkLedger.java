package io.chaoscast.jobs.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which work is finished: per stream, the event time of the last sample of the newest history a
 * challenger was trained on and announced. Its durable copy is the models topic itself: every
 * announcement the trainer makes carries {@code stream} and {@code history_end_millis}, and a
 * trainer reads the topic from the beginning before it trains (and keeps reading it), so a
 * restarted trainer, or another trainer of the same group that took over the stream's partition,
 * does not retrain a stream until it has {@code retrain_after} samples newer than that. A fit that
 * was not announced when the trainer stopped is not finished and is done again.
 */
final class WorkLedger {

  private final Map<String, Long> trainedUpTo = new ConcurrentHashMap<>();
  private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

  /** Reads one record of the models topic; records not made by a trainer are ignored. */
  void onAnnouncement(JsonNode json) {
    if (json == null || !json.isObject()) return;
    JsonNode stream = json.get(ChallengerPublisher.STREAM);
    JsonNode end = json.get(ChallengerPublisher.HISTORY_END);
    if (stream == null || !stream.isTextual() || end == null || !end.canConvertToLong()) return;
    finished(stream.asText(), end.asLong());
  }

  /** Records a stream's announced work (by this trainer or, read back, by any). */
  void finished(String stream, long historyEndMillis) {
    trainedUpTo.merge(stream, historyEndMillis, Math::max);
  }

  OptionalLong trainedUpTo(String stream) {
    Long end = trainedUpTo.get(stream);
    return end == null ? OptionalLong.empty() : OptionalLong.of(end);
  }

  /** Claims a stream for a fit; false when one is already running for it. */
  boolean claim(String stream) {
    return inFlight.putIfAbsent(stream, Boolean.TRUE) == null;
  }

  void release(String stream) {
    inFlight.remove(stream);
  }

  int running() {
    return inFlight.size();
  }

  int streamsTrained() {
    return trainedUpTo.size();
  }
}
