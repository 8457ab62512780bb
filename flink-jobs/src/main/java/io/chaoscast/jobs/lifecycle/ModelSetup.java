package io.chaoscast.jobs.lifecycle;

import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.config.JobConfig.RouteRule;
import io.chaoscast.jobs.forecast.Forecasters;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    var nvar = Forecasters.fromSettings(withModel(f, "nvar"));
    var remote = config.remoteInference();
    boolean remoteOn = remote != null && remote.enabled();
    return new ModelSetup(
        Map.of("nvar", nvar, "persistence", new PersistenceForecaster()),
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

  public Optional<ModelEntry> entry(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  private static JobConfig.ForecastSettings withModel(JobConfig.ForecastSettings f, String model) {
    return new JobConfig.ForecastSettings(
        model,
        f.contextLength(),
        f.horizonSteps(),
        f.everySamples(),
        f.embeddingDimension(),
        f.embeddingDelay(),
        f.ridge());
  }
}
