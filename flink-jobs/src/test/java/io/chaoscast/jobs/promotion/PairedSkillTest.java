package io.chaoscast.jobs.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedSkillTest {

  @Test
  void pairsTheTwoModelsScoresOfEachWindowInWhateverOrderTheyCome() {
    PairedSkill p = new PairedSkill();
    p.add(true, 100, 5, 50); // champion, window 100
    p.add(true, 200, 4, 50); // champion, window 200
    p.add(false, 200, 7, 50); // challenger, window 200: +3
    p.add(false, 100, 6, 50); // challenger, window 100: +1
    p.add(false, 300, 9, 50); // no champion score for 300 yet

    assertThat(p.pairs).isEqualTo(2);
    assertThat(p.meanDiff).isEqualTo(2.0);
    assertThat(p.meanSquareDiff).isEqualTo(5.0);
    // differences 3 and 1: sample variance 2, standard error sqrt(2 / 2)
    assertThat(p.standardError(50)).isCloseTo(1.0, within(1e-12));
    assertThat(p.pendingCount).isEqualTo(1);
  }

  @Test
  void twoScoresOfTheSameModelAreNoPair() {
    PairedSkill p = new PairedSkill();
    p.add(true, 100, 5, 50);
    p.add(true, 100, 9, 50);
    assertThat(p.pairs).isZero();
    assertThat(p.standardError(50)).isInfinite();
  }

  @Test
  void theOldestUnpairedScoreIsDroppedWhenTooManyWait() {
    PairedSkill p = new PairedSkill();
    for (int w = 0; w <= PairedSkill.PENDING; w++) p.add(true, w, 1, 50);
    assertThat(p.pendingCount).isEqualTo(PairedSkill.PENDING);
    p.add(false, 0, 3, 50); // its champion score was dropped
    assertThat(p.pairs).isZero();
    p.add(false, PairedSkill.PENDING, 3, 50);
    assertThat(p.pairs).isEqualTo(1);
    assertThat(p.meanDiff).isEqualTo(2.0);
  }

  @Test
  void weightsTheLastMemoryPairsExponentiallyAfterTheFirstMemory() {
    PairedSkill p = new PairedSkill();
    for (int w = 0; w < 4; w++) {
      p.add(true, w, 0, 2);
      p.add(false, w, 4, 2);
    }
    p.add(true, 9, 0, 2);
    p.add(false, 9, 0, 2); // weight 1/2: the mean halves
    assertThat(p.meanDiff).isEqualTo(2.0);
    assertThat(p.meanSquareDiff).isEqualTo(8.0);
  }
}
