package io.chaoscast.jobs.skill;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Valid prediction time per model: one histogram {@code skill_vpt_steps} per model name under the
 * {@code model} label, so that a dashboard can set the skill of the models a stream group was
 * served by side by side over time, across promotions. Models are what an operator configured or a
 * trainer announced, so the series are few; past {@link #MAX_MODELS} names the rest share the
 * series {@code model="other"}, which bounds what one misbehaving announcer can add to the metrics.
 */
final class SkillByModel {

  static final int MAX_MODELS = 32;
  static final String OTHER = "other";
  static final String UNKNOWN = "unknown";

  private final MetricGroup parent;
  private final Map<String, Histogram> byModel = new HashMap<>();

  SkillByModel(MetricGroup parent) {
    this.parent = parent;
  }

  void update(String model, int vptSteps) {
    histogram(model == null || model.isBlank() ? UNKNOWN : model).update(vptSteps);
  }

  private Histogram histogram(String model) {
    Histogram h = byModel.get(model);
    if (h != null) return h;
    String series = byModel.size() < MAX_MODELS ? model : OTHER;
    h = byModel.get(series);
    if (h == null) {
      h =
          parent
              .addGroup("model", series)
              .histogram("skill_vpt_steps", new DescriptiveStatisticsHistogram(10_000));
      byModel.put(series, h);
    }
    return h;
  }
}
