package io.chaoscast.jobs.lifecycle;

import io.chaoscast.jobs.remote.RemoteForecaster;
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

  /**
   * A remote inference server behind its fallback: takes any channel count, and its forecasts carry
   * the id of whichever model made them (see {@link #forecastId}).
   */
  public static LiveModel remote(String name, RemoteForecaster forecaster) {
    return new LiveModel(name, forecaster.id(), forecaster.id(), forecaster, 0, forecaster);
  }

  /**
   * The id a forecast made now carries: a loaded artifact's {@code name/version}; for a model that
   * takes any channel count (a baseline, or a remote server that may answer from its fallback) the
   * forecaster's current id.
   */
  public String forecastId() {
    return channels == 0 ? forecaster.id() : modelId;
  }

  public boolean accepts(int channelCount) {
    return channels == 0 || channels == channelCount;
  }

  @Override
  public void close() throws Exception {
    if (resources != null) resources.close();
  }
}
