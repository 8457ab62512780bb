package io.chaoscast.jobs.promotion;

import io.chaoscast.connectors.schema.ModelSwitch;

/**
 * One model's online skill on one stream since the last switch (a POJO for Flink state): the number
 * of scored forecasts and the mean of their valid prediction times, cumulative over the first
 * {@code memory} scores and exponentially weighted with weight 1/memory after that, so that it
 * follows the model's recent skill; and the highest that mean reached once it rested on enough
 * scores to be trusted.
 */
public class SkillTrack {

  public int scored;
  public double meanVptSteps;
  public double peakVptSteps;

  /** Id of the latest scored forecast (name and version). */
  public String modelId;

  public SkillTrack() {}

  /**
   * @param minScored scores before the mean may set the peak (a mean of a few is noise)
   */
  public void add(int vptSteps, String forecastModelId, int memory, int minScored) {
    scored++;
    meanVptSteps += (vptSteps - meanVptSteps) * weightOf(scored, memory);
    if (scored >= minScored) peakVptSteps = Math.max(peakVptSteps, meanVptSteps);
    modelId = forecastModelId;
  }

  /**
   * The weight of the n-th value (from 1) in a running mean that is cumulative over the first
   * {@code memory} values and exponentially weighted with weight 1/memory after them.
   */
  static double weightOf(int n, int memory) {
    return 1.0 / Math.min(n, memory);
  }

  public ModelSwitch.Skill evidence(String model) {
    return new ModelSwitch.Skill(model, modelId, scored, meanVptSteps, peakVptSteps);
  }
}
