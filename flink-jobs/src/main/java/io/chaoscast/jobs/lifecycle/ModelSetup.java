package io.chaoscast.jobs.lifecycle;

import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.config.JobConfig.RouteRule;
import io.chaoscast.jobs.forecast.Forecasters;
import io.chaoscast.jobs.routing.Router;
import io.chaoscast.models.forecast.Forecaster;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the batching operator serves, as shipped with the job graph: the built-in baselines, the
 * default one, the configured model artifacts (loaded in each subtask) and the routing rules.
 *
 * @param contextLength samples in every context window (forecast.context_length)
 * @param remote the remote inference server, or null; when enabled it is the default model, named
 *     {@value #REMOTE}, with its fallback baseline
 * @param modelRoot the directory announced artifacts must lie under (model_root)
 */
public record ModelSetup(
    Map<String, Forecaster> baselines,
    String defaultModel,
    List<ModelEntry> models,
    List<RouteRule> routing,
    int contextLength,
    JobConfig.RemoteInference remote,
    ModelRoot modelRoot)
    implements Serializable {

  /** The model name of the remote inference server. */
  public static final String REMOTE = "remote";

  public ModelSetup {
    baselines = Map.copyOf(baselines);
    models = List.copyOf(models);
    routing = List.copyOf(routing);
  }

  public static ModelSetup fromConfig(JobConfig config) {
    var f = config.forecast();
    Map<String, Forecaster> baselines = new HashMap<>();
    for (String name : Router.BUILT_INS) {
      baselines.put(name, Forecasters.fromSettings(f.withModel(name)));
    }
    var remote = config.remoteInference();
    boolean remoteOn = remote != null && remote.enabled();
    return new ModelSetup(
        baselines,
        remoteOn ? REMOTE : f.model(),
        config.models(),
        config.routing(),
        f.contextLength(),
        remoteOn ? remote : null,
        new ModelRoot(config.modelRoot()));
  }

  /** One model for every stream, as a default baseline: no artifacts, no rules. */
  public static ModelSetup single(Forecaster forecaster) {
    return new ModelSetup(
        Map.of("default", forecaster),
        "default",
        List.of(),
        List.of(),
        0,
        null,
        new ModelRoot(null));
  }

  /** Every name a route may use: the baselines, the configured models and the remote server. */
  public Set<String> servedNames() {
    Set<String> names = new HashSet<>(baselines.keySet());
    models.forEach(m -> names.add(m.name()));
    if (remote != null) names.add(REMOTE);
    return names;
  }

  public Optional<ModelEntry> entry(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
