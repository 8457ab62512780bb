package io.chaoscast.jobs.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The live skill of each stream's champion, read from the job's {@code forecast-skill} topic: an
 * exponentially weighted mean of its valid prediction time in steps. Training goes to the streams
 * whose champion does worst. Bounded to {@code maxStreams} streams (least recently scored evicted).
 * Used by one thread.
 */
final class LiveSkill {

  /** Weight of the newest score. */
  static final double ALPHA = 0.1;

  private final Map<String, Double> vptSteps;

  LiveSkill(int maxStreams) {
    this.vptSteps =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > maxStreams;
          }
        };
  }

  /** One record of the skill topic; challengers' scores and malformed records are ignored. */
  void onSkill(JsonNode json) {
    if (json == null || !json.isObject()) return;
    JsonNode stream = json.get("stream");
    JsonNode role = json.get("role");
    JsonNode vpt = json.get("vpt_steps");
    if (stream == null || !stream.isTextual() || vpt == null || !vpt.isNumber()) return;
    if (role != null && !"champion".equals(role.asText())) return;
    double v = vpt.asDouble();
    if (!Double.isFinite(v)) return;
    vptSteps.merge(stream.asText(), v, (old, now) -> (1 - ALPHA) * old + ALPHA * now);
  }

  /** Empty when the stream's champion has not been scored (yet). */
  OptionalDouble vptSteps(String stream) {
    Double v = vptSteps.get(stream);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
