package io.chaoscast.jobs.trainer;

/**
 * How the trainer names what it announces: version {@code trained-<history end millis>-<type>}, so
 * a forecast's model id ({@code <slot>/<version>}) says which model class made it.
 */
public final class TrainedVersion {

  private static final String PREFIX = "trained-";

  private TrainedVersion() {}

  static String of(long historyEndMillis, String type) {
    return PREFIX + historyEndMillis + "-" + type;
  }

  /**
   * @param modelId a model id ({@code name/version}) or a bare version
   * @return the model class a trainer version names, or null for any other version
   */
  public static String typeOf(String modelId) {
    if (modelId == null) return null;
    String version = modelId.substring(modelId.lastIndexOf('/') + 1);
    int dash = version.lastIndexOf('-');
    if (!version.startsWith(PREFIX) || dash < PREFIX.length()) return null;
    return version.substring(dash + 1);
  }
}
