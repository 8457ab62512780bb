package io.chaoscast.jobs.routing;

import io.chaoscast.jobs.config.JobConfig.RouteRule;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the model for a stream: the first rule whose pattern matches the whole stream id, else the
 * default baseline. Whether the model fits the stream's channel count is the caller's check.
 */
public final class Router {

  /** Baselines every job has, each forecasting from the context window alone, any channel count. */
  public static final Set<String> BUILT_INS = Set.of("nvar", "parrot", "persistence");

  /**
   * @param challenger null when the rule names none
   */
  public record Route(String model, String challenger) {}

  private record Compiled(Pattern pattern, Route route) {}

  private final List<Compiled> rules;
  private final Route fallback;

  public Router(List<RouteRule> rules, String defaultModel) {
    this.rules =
        rules.stream()
            .map(
                r -> new Compiled(Pattern.compile(r.match()), new Route(r.model(), r.challenger())))
            .toList();
    this.fallback = new Route(defaultModel, null);
  }

  public Route route(String stream) {
    for (var r : rules) if (r.pattern().matcher(stream).matches()) return r.route();
    return fallback;
  }

  public String defaultModel() {
    return fallback.model();
  }
}
