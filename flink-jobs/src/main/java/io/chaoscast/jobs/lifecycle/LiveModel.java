package io.chaoscast.jobs.lifecycle;

import io.chaoscast.models.forecast.Forecaster;

/**
 * A model ready to forecast.
 *
 * @param version the version served: announced or configured, else the artifact's model id; a
 *     baseline's forecaster id
 * @param modelId what its forecasts carry: {@code name/version} for a loaded artifact, the
 *     forecaster's own id for a built-in baseline
 * @param channels the channel count it takes; 0 for baselines, which take any
 * @param resources native resources to release when it is replaced or the job stops (null: none)
 */
public record LiveModel(
    String name,
    String version,
    String modelId,
    Forecaster forecaster,
    int channels,
    AutoCloseable resources)
    implements AutoCloseable {

  public static LiveModel baseline(String name, Forecaster forecaster) {
    return new LiveModel(name, forecaster.id(), forecaster.id(), forecaster, 0, null);
  }

  public boolean accepts(int channelCount) {
    return channels == 0 || channels == channelCount;
  }

  @Override
  public void close() throws Exception {
    if (resources != null) resources.close();
  }
}
