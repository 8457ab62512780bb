package io.chaoscast.jobs.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models one subtask forecasts with, by name. Replacing a model closes the old one, so native
 * resources do not outlive their version; {@link #close} releases them all when the operator stops.
 */
public final class ModelRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final Map<String, LiveModel> models = new LinkedHashMap<>();

  /** Baselines plus the configured artifacts, each at its configured path and version. */
  public static ModelRegistry load(ModelSetup setup) {
    ModelRegistry registry = new ModelRegistry();
    setup.baselines().forEach((name, f) -> registry.put(LiveModel.baseline(name, f)));
    for (var entry : setup.models()) {
      registry.put(ModelLoader.load(entry, entry.path(), entry.version(), setup.contextLength()));
    }
    return registry;
  }

  public LiveModel get(String name) {
    LiveModel m = models.get(name);
    if (m == null) throw new IllegalStateException("no model named " + name);
    return m;
  }

  public boolean contains(String name) {
    return models.containsKey(name);
  }

  public Iterable<String> names() {
    return List.copyOf(models.keySet());
  }

  /** Serves {@code model} under its name from now on, closing the version it replaces. */
  public void put(LiveModel model) {
    LiveModel old = models.put(model.name(), model);
    if (old != null && old != model) closeQuietly(old);
  }

  @Override
  public void close() {
    models.values().forEach(ModelRegistry::closeQuietly);
    models.clear();
  }

  private static void closeQuietly(LiveModel m) {
    try {
      m.close();
    } catch (Exception e) {
      LOG.warn("closing model {} failed", m.modelId(), e);
    }
  }
}
