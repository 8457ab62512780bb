package io.chaoscast.models.neural;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.signal.Fft;
import io.chaoscast.models.signal.Stats;
import org.junit.jupiter.api.Test;

/** Sixty seconds at 256 Hz after a 5 s transient; dominant frequency from the periodogram. */
class JansenRitTest {

  private static double[] run(JansenRit p, long seed) {
    JansenRitGenerator g = new JansenRitGenerator(p, 256, seed);
    g.next(5 * 256);
    return g.next(60 * 256);
  }

  private static double dominantFrequencyHz(double[] x) {
    double[] p = Fft.powerSpectrum(x);
    int arg = 1;
    for (int k = 1; k < p.length; k++) if (p[k] > p[arg]) arg = k;
    return arg * 256.0 / (2 * (p.length - 1));
  }

  @Test
  void backgroundIsAlphaBandActivity() {
    double[] x = run(JansenRit.background(), 1);
    assertThat(dominantFrequencyHz(x)).isBetween(8.0, 13.0);
    assertThat(Stats.std(x)).isBetween(0.5, 2.0);
  }

  @Test
  void raisedExcitatoryGainGivesLargeSlowSpikes() {
    double[] bg = run(JansenRit.background(), 1);
    double[] sz = run(JansenRit.seizure(), 1);
    assertThat(dominantFrequencyHz(sz)).isBetween(3.0, 7.0);
    assertThat(Stats.std(sz)).isGreaterThan(3 * Stats.std(bg));
    double max = Double.NEGATIVE_INFINITY;
    for (double v : sz) max = Math.max(max, v);
    assertThat(max - Stats.mean(sz)).as("spike height, mV").isGreaterThan(8.0);
  }

  @Test
  void sameSeedGivesTheSameStreamAndAnotherSeedDoesNot() {
    assertThat(run(JansenRit.background(), 9)).containsExactly(run(JansenRit.background(), 9));
    assertThat(run(JansenRit.background(), 9)).isNotEqualTo(run(JansenRit.background(), 10));
  }

  @Test
  void switchingParametersMidStreamChangesTheRegime() {
    JansenRitGenerator g = new JansenRitGenerator(JansenRit.background(), 256, 4);
    g.next(5 * 256);
    double[] before = g.next(20 * 256);
    g.setParameters(JansenRit.seizure());
    g.next(2 * 256);
    double[] after = g.next(20 * 256);
    assertThat(Stats.std(after)).isGreaterThan(3 * Stats.std(before));
    assertThat(g.time()).isEqualTo(47.0);
  }
}
