package io.chaoscast.jobs.promotion;

/**
 * The challenger's lead over the champion measured on the same forecast windows (a POJO for Flink
 * state): for every window both models forecast, the difference of their valid prediction times,
 * challenger minus champion; its running mean and mean square over the first {@code memory} pairs,
 * exponentially weighted with weight 1/memory after that ({@link SkillTrack}'s weighting).
 *
 * <p>Why paired: how far any model can forecast a stream changes with the stream's state (a noisy
 * EEG-like stream is predictable for some seconds and not for others), and both models see the same
 * windows, so the difference on each window removes that common part and leaves the models' own.
 * The standard error of the mean difference is then what separates a real lead from the wandering
 * of two close models (a paired comparison, as in a paired t-test).
 *
 * <p>Scores arrive one model at a time and in any order; a score waits among the last {@link
 * #PENDING} unpaired ones for the other model's score of the same window.
 */
public class PairedSkill {

  /** Unpaired scores kept waiting for their other half; the oldest is dropped beyond this. */
  static final int PENDING = 32;

  public long[] pendingAt = new long[PENDING];
  public int[] pendingVpt = new int[PENDING];
  public boolean[] pendingChampion = new boolean[PENDING];
  public int pendingCount;

  public int pairs;
  public double meanDiff;
  public double meanSquareDiff;

  public PairedSkill() {}

  /**
   * @param champion whether the score is the champion's (else the challenger's)
   * @param issuedAtMillis the scored forecast's window, by its last observation's time
   */
  public void add(boolean champion, long issuedAtMillis, int vptSteps, int memory) {
    for (int i = 0; i < pendingCount; i++) {
      if (pendingAt[i] == issuedAtMillis && pendingChampion[i] != champion) {
        int challengerVpt = champion ? pendingVpt[i] : vptSteps;
        int championVpt = champion ? vptSteps : pendingVpt[i];
        remove(i);
        addPair(challengerVpt - championVpt, memory);
        return;
      }
    }
    if (pendingCount == PENDING) remove(0);
    pendingAt[pendingCount] = issuedAtMillis;
    pendingVpt[pendingCount] = vptSteps;
    pendingChampion[pendingCount] = champion;
    pendingCount++;
  }

  /**
   * The standard error of {@link #meanDiff}: the spread of the differences over the square root of
   * the pairs it rests on (at most {@code memory}); infinite before two pairs.
   */
  public double standardError(int memory) {
    if (pairs < 2) return Double.POSITIVE_INFINITY;
    int n = Math.min(pairs, memory);
    double variance = Math.max(0, meanSquareDiff - meanDiff * meanDiff) * n / (n - 1.0);
    return Math.sqrt(variance / n);
  }

  private void addPair(int difference, int memory) {
    pairs++;
    double weight = SkillTrack.weightOf(pairs, memory);
    meanDiff += (difference - meanDiff) * weight;
    meanSquareDiff += ((double) difference * difference - meanSquareDiff) * weight;
  }

  private void remove(int i) {
    int tail = pendingCount - i - 1;
    System.arraycopy(pendingAt, i + 1, pendingAt, i, tail);
    System.arraycopy(pendingVpt, i + 1, pendingVpt, i, tail);
    System.arraycopy(pendingChampion, i + 1, pendingChampion, i, tail);
    pendingCount--;
  }
}
