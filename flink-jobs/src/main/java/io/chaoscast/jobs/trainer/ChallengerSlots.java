package io.chaoscast.jobs.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.routing.Router;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a stream's trained challenger goes. The job serves models by name: an announcement replaces
 * the artifact of a model listed under {@code models:}, and the routing rules name each stream's
 * champion and challenger. So a stream's trained model is announced as a new version of the model
 * its rule names as challenger (its slot), when that is a configured model, not a built-in.
 *
 * <p>Two cases are not trained. A slot that the rules give to more than one stream seen cannot be
 * each one's own model (the trainer says so once, and a rule per stream fixes it). And a slot that
 * the promotions topic says now serves the stream as champion is left alone: a new version would
 * replace the champion without having beaten it; the demoted model is the challenger then.
 */
final class ChallengerSlots {

  private final Router router;
  private final Set<String> configured = new HashSet<>();
  private final Map<String, String> slotOwner = new HashMap<>();
  private final Set<String> shared = new HashSet<>();
  private final Map<String, String> champions;

  ChallengerSlots(JobConfig config, int maxStreams) {
    String defaultModel = config.forecast().model();
    this.router = new Router(config.routing(), defaultModel);
    config.models().forEach(m -> configured.add(m.name()));
    this.champions =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > maxStreams;
          }
        };
  }

  /** Why a stream gets no trained challenger. */
  enum Skip {
    NO_SLOT,
    SHARED_SLOT,
    SERVES_AS_CHAMPION
  }

  /** The slot, or why there is none to train. */
  record Lookup(String slot, Skip skip) {}

  /** Used by the consumer's thread only. */
  Lookup lookup(String stream) {
    String slot = router.route(stream).challenger();
    if (slot == null || !configured.contains(slot)) return new Lookup(null, Skip.NO_SLOT);
    String owner = slotOwner.putIfAbsent(slot, stream);
    if (owner != null && !owner.equals(stream)) shared.add(slot);
    if (shared.contains(slot)) return new Lookup(slot, Skip.SHARED_SLOT);
    if (slot.equals(champions.get(stream))) return new Lookup(slot, Skip.SERVES_AS_CHAMPION);
    return new Lookup(slot, null);
  }

  /** One record of the promotions topic: the stream's champion from now on. */
  void onSwitch(JsonNode json) {
    if (json == null || !json.isObject()) return;
    JsonNode stream = json.get("stream");
    JsonNode champion = json.get("champion");
    if (stream == null || !stream.isTextual() || champion == null || !champion.isTextual()) return;
    champions.put(stream.asText(), champion.asText());
  }

  Optional<String> champion(String stream) {
    return Optional.ofNullable(champions.get(stream));
  }

  Set<String> sharedSlots() {
    return Set.copyOf(shared);
  }
}
