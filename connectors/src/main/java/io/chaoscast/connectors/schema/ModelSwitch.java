package io.chaoscast.connectors.schema;

/**
 * A change of the model that serves one stream, on the promotions topic: a challenger promoted
 * because it forecast the stream better than its champion, or a champion demoted because its skill
 * collapsed. It carries the evidence the decision was made on.
 *
 * @param stream stream id
 * @param atMillis event time of the scored forecast that completed the evidence
 * @param kind promoted or demoted
 * @param champion the model that serves the stream from now on (the job's model name)
 * @param challenger the model scored beside it from now on (null: none)
 * @param reason the rule that fired, with its numbers, for people
 * @param replaced the skill of the champion it replaces
 * @param chosen the skill of the new champion, as scored so far (0 scored when it had not been)
 */
public record ModelSwitch(
    String stream,
    long atMillis,
    Kind kind,
    String champion,
    String challenger,
    String reason,
    Skill replaced,
    Skill chosen) {

  public enum Kind {
    /** A challenger beat its champion by the margin over enough scored forecasts. */
    PROMOTED,
    /** The champion's skill collapsed; the default model serves the stream again. */
    DEMOTED
  }

  /**
   * A model's online skill on the stream since the last switch.
   *
   * @param model the job's model name
   * @param modelId the id of its latest scored forecast (name and version; null before any)
   * @param scored forecasts scored since the last switch
   * @param vptSteps mean valid prediction time of the last ones, in steps (see docs/schemas.md)
   * @param peakVptSteps the highest that mean reached since the last switch
   */
  public record Skill(
      String model, String modelId, int scored, double vptSteps, double peakVptSteps) {}
}
