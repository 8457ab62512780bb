package io.chaoscast.jobs.promotion;

/**
 * Which models serve and challenge one stream, and their skill since the last switch (a POJO for
 * Flink state).
 */
public class PromotionState {

  public String champion;

  /** Null: nothing challenges the champion (it can still be demoted). */
  public String challenger;

  public SkillTrack championSkill = new SkillTrack();
  public SkillTrack challengerSkill = new SkillTrack();

  /** The challenger's lead on the windows both forecast; null in state written before it. */
  public PairedSkill paired = new PairedSkill();

  public PromotionState() {}

  public static PromotionState of(String champion, String challenger) {
    PromotionState s = new PromotionState();
    s.champion = champion;
    s.challenger = challenger;
    return s;
  }

  /** Serves {@code next} with {@code nextChallenger} beside it; the evidence starts afresh. */
  void switchTo(String next, String nextChallenger) {
    champion = next;
    challenger = nextChallenger;
    championSkill = new SkillTrack();
    challengerSkill = new SkillTrack();
    paired = new PairedSkill();
  }

  PairedSkill paired() {
    if (paired == null) paired = new PairedSkill();
    return paired;
  }
}
