package io.chaoscast.jobs.promotion;

import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.jobs.config.JobConfig.PromotionSettings;
import java.io.Serializable;
import java.util.Locale;

/**
 * The decision, a pure function of a stream's {@link PromotionState} and its next scored forecast.
 * Skill is the mean valid prediction time in steps ({@link SkillTrack}), attributed by the model
 * name a forecast carries, whichever role it was made in (so forecasts still in flight when a
 * switch happens count for the right model).
 *
 * <ul>
 *   <li><b>Promotion</b>: once champion and challenger have each been scored {@code min_scored}
 *       times since the last switch, the challenger takes over if its mean exceeds (1 + {@code
 *       margin}) times the champion's and by at least one step (valid prediction time is counted in
 *       whole steps: less is no evidence on a mean near zero), and its lead on the windows both
 *       forecast ({@link PairedSkill}, at least {@code min_scored} of them) is at least {@link
 *       #PAIRED_Z} standard errors: two models within the noise of each other on a stream whose
 *       predictability wanders do not swap back and forth. The former champion becomes the
 *       challenger.
 *   <li><b>Demotion</b>: once the champion has been scored {@code min_scored} times since the last
 *       switch, if its mean falls below {@code collapse_fraction} of the peak it reached since then
 *       and by at least two steps, and (when the challenger has been scored {@code min_scored}
 *       times too) below the challenger's mean on the same stretch, the default model serves the
 *       stream again and the demoted champion becomes its challenger, to earn its way back. The
 *       default model itself is never demoted. The comparison with the challenger is what tells a
 *       broken model from a stream that became harder to forecast for every model: a noisy EEG-like
 *       stream's skill rises and falls by several steps for minutes at a time, and with the peak
 *       alone its trained champion was demoted and promoted again 9 times in a 10-minute demo.
 * </ul>
 *
 * No flapping: after every switch both models' evidence starts afresh, so the next switch needs
 * {@code min_scored} new scores; and switching back needs the margin again, in the other direction
 * (hysteresis).
 */
public final class PromotionRule implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A challenger must beat the champion's mean by at least this many steps as well. */
  static final double MIN_GAIN_STEPS = 1.0;

  /**
   * A collapse is a fall of at least this many steps as well: the running mean of a weak model
   * wanders by a step or so (its peak is the highest of those wanderings), which is no collapse.
   */
  static final double MIN_DROP_STEPS = 2.0;

  /**
   * Standard errors of the paired lead a promotion needs. The rule is checked at every score, so a
   * one-sided 2.5 % test (z = 2) would be passed by chance somewhere in a long run of two equal
   * models; z = 3 (0.13 % per look) keeps that rare, and the windows, which overlap when forecasts
   * come more often than their horizon, make the standard error an underestimate anyway.
   */
  static final double PAIRED_Z = 3.0;

  private final PromotionSettings settings;
  private final String defaultModel;

  /**
   * @param defaultModel what serves a stream whose champion collapsed
   */
  public PromotionRule(PromotionSettings settings, String defaultModel) {
    this.settings = settings;
    this.defaultModel = defaultModel;
  }

  /**
   * Adds the score to {@code state} and returns the switch it triggers (already applied to {@code
   * state}), or null.
   */
  public ModelSwitch apply(PromotionState state, ForecastSkill score) {
    SkillTrack track;
    if (score.model() == null) {
      return null; // written before forecasts named their model: cannot be attributed
    } else if (score.model().equals(state.champion)) {
      track = state.championSkill;
    } else if (score.model().equals(state.challenger)) {
      track = state.challengerSkill;
    } else {
      return null; // a fallback (channel count) or a model this stream no longer compares
    }
    track.add(score.vptSteps(), score.modelId(), settings.memory(), settings.minScored());
    if (state.challenger != null) {
      state
          .paired()
          .add(
              track == state.championSkill,
              score.issuedAtMillis(),
              score.vptSteps(),
              settings.memory());
    }
    ModelSwitch promoted = promotion(state, score);
    return promoted != null ? promoted : demotion(state, score);
  }

  private ModelSwitch promotion(PromotionState state, ForecastSkill score) {
    SkillTrack champion = state.championSkill;
    SkillTrack challenger = state.challengerSkill;
    int needed = settings.minScored();
    if (state.challenger == null || champion.scored < needed || challenger.scored < needed) {
      return null;
    }
    double bar = (1 + settings.margin()) * champion.meanVptSteps;
    if (challenger.meanVptSteps <= bar
        || challenger.meanVptSteps - champion.meanVptSteps < MIN_GAIN_STEPS) {
      return null;
    }
    PairedSkill paired = state.paired();
    double standardError = paired.standardError(settings.memory());
    if (paired.pairs < needed || paired.meanDiff < PAIRED_Z * standardError) return null;
    String reason =
        String.format(
            Locale.ROOT,
            "challenger %s: mean VPT %.2f steps over %d forecasts beats champion %s: %.2f steps"
                + " over %d by more than the margin %.2f; lead on the same windows %.2f steps,"
                + " %.1f standard errors over %d pairs",
            state.challenger,
            challenger.meanVptSteps,
            challenger.scored,
            state.champion,
            champion.meanVptSteps,
            champion.scored,
            settings.margin(),
            paired.meanDiff,
            standardError > 0 ? paired.meanDiff / standardError : Double.POSITIVE_INFINITY,
            paired.pairs);
    var replaced = champion.evidence(state.champion);
    var chosen = challenger.evidence(state.challenger);
    state.switchTo(state.challenger, state.champion);
    return new ModelSwitch(
        score.stream(),
        score.issuedAtMillis(),
        ModelSwitch.Kind.PROMOTED,
        state.champion,
        state.challenger,
        reason,
        replaced,
        chosen);
  }

  private ModelSwitch demotion(PromotionState state, ForecastSkill score) {
    SkillTrack champion = state.championSkill;
    if (state.champion.equals(defaultModel) || champion.scored < settings.minScored()) return null;
    if (!(champion.meanVptSteps < settings.collapseFraction() * champion.peakVptSteps)
        || champion.peakVptSteps - champion.meanVptSteps < MIN_DROP_STEPS) {
      return null;
    }
    SkillTrack challenger = state.challengerSkill;
    boolean compared = state.challenger != null && challenger.scored >= settings.minScored();
    if (compared && champion.meanVptSteps >= challenger.meanVptSteps) {
      return null; // still ahead of the alternative: the stream got harder, not the model worse
    }
    String reason =
        String.format(
            Locale.ROOT,
            "champion %s collapsed: mean VPT %.2f steps over %d forecasts is below %.2f of its"
                + " peak %.2f%s",
            state.champion,
            champion.meanVptSteps,
            champion.scored,
            settings.collapseFraction(),
            champion.peakVptSteps,
            compared
                ? String.format(
                    Locale.ROOT,
                    " and below challenger %s: %.2f steps",
                    state.challenger,
                    challenger.meanVptSteps)
                : "");
    var replaced = champion.evidence(state.champion);
    var chosen =
        defaultModel.equals(state.challenger)
            ? state.challengerSkill.evidence(defaultModel)
            : new SkillTrack().evidence(defaultModel);
    state.switchTo(defaultModel, state.champion);
    return new ModelSwitch(
        score.stream(),
        score.issuedAtMillis(),
        ModelSwitch.Kind.DEMOTED,
        state.champion,
        state.challenger,
        reason,
        replaced,
        chosen);
  }
}
