package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The drift scores against values computed by hand from docs/drift.md. */
class SignalDefinitionsTest {

  @Test
  void jensenShannonIsZeroForEqualLnTwoForDisjointAndHandValueOtherwise() {
    assertThat(Divergences.jensenShannon(new double[] {1, 2, 3}, new double[] {2, 4, 6}))
        .isCloseTo(0, within(1e-15));
    assertThat(Divergences.jensenShannon(new double[] {1, 0}, new double[] {0, 1}))
        .isCloseTo(Math.log(2), within(1e-15));
    // M = (0.75, 0.25): (ln(4/3) + 0.5 ln(2/3) + 0.5 ln 2) / 2
    double hand = 0.5 * (Math.log(4.0 / 3) + 0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2));
    assertThat(Divergences.jensenShannon(new double[] {1, 0}, new double[] {1, 1}))
        .isCloseTo(hand, within(1e-15))
        .isCloseTo(0.215762, within(1e-6));
  }

  /** The monitor's cached sliding windows give exactly the entropy of each window afresh. */
  @Test
  void slidingPermutationEntropyEqualsEachWindowComputedAfresh() {
    var random = new java.util.SplittableRandom(3);
    // rounded values, so that ties (broken by time order) occur
    double[] stream = random.doubles(3000).map(v -> Math.rint(8 * v)).toArray();
    var sliding = new PermutationEntropy.SlidingWindow(4, 129);
    int w = 64;
    for (int first = 0; first + w <= stream.length; first += 4) {
      int tau = first < 1500 ? 3 : 5; // a new delay must not reuse the old delay's patterns
      double[] x = java.util.Arrays.copyOfRange(stream, first, first + w);
      assertThat(sliding.of(x, first, w, tau)).isEqualTo(PermutationEntropy.of(x, 0, w, 4, tau));
    }
  }

  @Test
  void permutationEntropyIsZeroForAMonotoneSeriesAndHandValueForAZigzag() {
    double[] ramp = IntStream.range(0, 50).asDoubleStream().toArray();
    assertThat(PermutationEntropy.of(ramp, 0, ramp.length, 4, 1)).isZero();
    // order 2: patterns up, down, up, down, up -> H = -(0.6 ln 0.6 + 0.4 ln 0.4) / ln 2
    double[] zigzag = {1, 3, 2, 4, 3, 5};
    assertThat(PermutationEntropy.of(zigzag, 0, zigzag.length, 2, 1))
        .isCloseTo(0.9709505945, within(1e-9));
  }

  @Test
  void permutationEntropyOfWhiteNoiseIsNearOne() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    double[] x = new double[20_000];
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    assertThat(PermutationEntropy.of(x, 0, x.length, 4, 1)).isCloseTo(1.0, within(0.005));
  }

  @Test
  void representationalSimilarityMatchesTheHandComputedCorrelation() {
    // RDMs (1, 3, 2) and (2, 3, 1): Pearson r = 1 / sqrt(2 * 2) = 0.5
    double[][] a = {{0}, {1}, {3}};
    double[][] b = {{0}, {2}, {3}};
    assertThat(RepresentationalSimilarity.correlation(a, b)).isCloseTo(0.5, within(1e-15));
    assertThat(RepresentationalSimilarity.dissimilarity(a, b)).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void representationalSimilarityIgnoresScaleAndRigidMotion() {
    double[][] a = {{0, 0}, {1, 0}, {0, 2}, {3, 1}};
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      // rotate by 90 degrees, scale by 3, shift
      b[i] = new double[] {-3 * a[i][1] + 5, 3 * a[i][0] - 1};
    }
    assertThat(RepresentationalSimilarity.dissimilarity(a, b)).isCloseTo(0, within(1e-12));
    double[][] same = {{1}, {1}, {1}};
    assertThat(RepresentationalSimilarity.dissimilarity(same, new double[][] {{0}, {1}, {3}}))
        .as("degenerate distance structure")
        .isEqualTo(1.0);
  }

  @Test
  void baselineScalesByTheCentralNinetyEightPercentInNormalUnits() {
    double[] v = IntStream.rangeClosed(0, 100).asDoubleStream().toArray();
    Baseline b = Baseline.of(v, 1e-3);
    // median 50, q01 = 1, q99 = 99: scale = 98 / (2 x 2.3263) = 21.0631
    assertThat(b.median()).isEqualTo(50);
    assertThat(b.scale()).isCloseTo(21.0630579144, within(1e-9));
    assertThat(b.z(50 + 21.0630579144)).isCloseTo(1, within(1e-9));
    assertThat(Baseline.of(new double[] {2, 2, 2}, 0.5).scale()).isEqualTo(0.5);
  }

  @Test
  void tailRatioComparesAnExcursionWithTheLargestCalibrationExcursionOnItsSide() {
    double[] v = IntStream.rangeClosed(0, 100).asDoubleStream().toArray();
    Baseline b = Baseline.of(v, 1e-3);
    // max - median = 50 above, median - min = 50 below
    assertThat(b.tailRatio(125)).isCloseTo(1.5, within(1e-12));
    assertThat(b.tailRatio(25)).isCloseTo(0.5, within(1e-12));
    // a one-sided calibration: the empty side falls back to the scale
    Baseline flatBelow = new Baseline(0, 2, 0, 10);
    assertThat(flatBelow.tailRatio(-3)).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void anAdaptingBaselineStepsItsMedianByAlphaScalesAndKeepsAGaussianScale() {
    Baseline b = new Baseline(0, 1, -3, 3).adapt(1.0, 0.1, 2.5, 1e-3);
    assertThat(b.median()).isCloseTo(0.1, within(1e-12));
    // 0.9 + 0.1 |1 - 0| / E[|Z| given |Z| < 2.5], the latter 0.772422
    assertThat(b.scale()).isCloseTo(0.9 + 0.1 / 0.772422, within(1e-6));
    assertThat(b.max()).isCloseTo(0.1 + 0.9 * 2.9, within(1e-12));
    assertThat(b.min()).isCloseTo(0.1 - 0.9 * 3.1, within(1e-12));
    assertThat(new Baseline(0, 1, -3, 3).adapt(7, 0, 2.5, 1e-3))
        .isEqualTo(new Baseline(0, 1, -3, 3));

    // fed the quiet values (|z| < 2.5) of N(5, 2^2) from a wrong start, it settles on 5 and 2
    Baseline a = new Baseline(4, 1, 3, 5);
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 200_000; i++) {
      double x = 5 + 2 * random.nextGaussian();
      if (Math.abs(a.z(x)) < 2.5) a = a.adapt(x, 0.002, 2.5, 1e-3);
    }
    // (the running median jitters by about sqrt(alpha) scale around the true one)
    assertThat(a.median()).isCloseTo(5, within(0.15));
    assertThat(a.scale()).isCloseTo(2, within(0.1));
  }

  @Test
  void forecastCheckGivesHandComputedErrorsAndFlagsEachFailureKind() {
    double[] lo = {-1, -1};
    double[] hi = {1, 1};
    double[][] actual = new double[8][];
    double[][] off = new double[8][];
    double[][] flat = new double[8][];
    double[][] escaped = new double[8][];
    for (int t = 0; t < 8; t++) {
      double s = Math.sin(t);
      actual[t] = new double[] {s, -s};
      off[t] = new double[] {s + 0.3, -s + 0.4};
      flat[t] = new double[] {0.1, 0.1};
      escaped[t] = new double[] {t == 7 ? 1.6 : s, -s};
    }
    ForecastCheck c = ForecastCheck.of(off, actual, 0.1, lo, hi);
    // sqrt((0.09 + 0.16) / 2) at every lead
    for (double e : c.errors()) assertThat(e).isCloseTo(Math.sqrt(0.125), within(1e-12));
    assertThat(c.meanError()).isCloseTo(Math.sqrt(0.125), within(1e-12));
    assertThat(c.finiteTimeLyapunov()).isCloseTo(0, within(1e-9));
    assertThat(c.failed()).isFalse();
    assertThat(ForecastCheck.of(flat, actual, 0.1, lo, hi).collapsed()).isTrue();
    // 1.6 > hi + 0.25 (hi - lo) = 1.5
    assertThat(ForecastCheck.of(escaped, actual, 0.1, lo, hi).outOfRegion()).isTrue();
  }

  @Test
  void finiteTimeLyapunovRecoversAnExponentialErrorGrowthRate() {
    double[][] actual = new double[10][];
    double[][] forecast = new double[10][];
    for (int t = 0; t < 10; t++) {
      actual[t] = new double[] {Math.cos(t)};
      forecast[t] = new double[] {Math.cos(t) + 1e-3 * Math.exp(0.9 * (t + 1) * 0.05)};
    }
    ForecastCheck c = ForecastCheck.of(forecast, actual, 0.05, new double[] {-9}, new double[] {9});
    assertThat(c.finiteTimeLyapunov()).isCloseTo(0.9, within(1e-6));
  }

  @Test
  void referenceDynamicsIsExactForAQuadraticMapAndMeasuresTheChangeOfItsParameter() {
    // Logistic map x' = r x (1 - x): its increment (r - 1) x - r x^2 lies in the feature span.
    double r = 3.9;
    double[][] z = new double[2000][1];
    z[0][0] = 0.2;
    for (int t = 1; t < z.length; t++) z[t][0] = r * z[t - 1][0] * (1 - z[t - 1][0]);
    ReferenceDynamics model = ReferenceDynamics.fit(z, 0);
    assertThat(model.residual(z[100], z[101], z[102])).isLessThan(1e-18);
    // x = 0.5 reached from its pre-image under r, then one step under r' = 3.7: the residual is
    // ((r' - r) x (1 - x))^2 = (-0.2 * 0.25)^2. (The reference lies on the curve x = f(previous),
    // so the model is only defined on it.)
    double x = 0.5;
    double previous = (1 - Math.sqrt(1 - 4 * x / r)) / 2;
    double next = 3.7 * x * (1 - x);
    assertThat(model.residual(new double[] {previous}, new double[] {x}, new double[] {next}))
        .isCloseTo(0.0025, within(1e-9));
  }

  /**
   * Loudness and the increment ratio against known values: a reference sine's increments have
   * median m; the same sine at twice the amplitude has 2m (loudness 4, ratio 2), at half the
   * amplitude m/2 (loudness floored at 1, ratio 0.5), and a constant window none (ratio 0). A level
   * shift inside the window is one large increment and leaves the median, so no loudness. (A period
   * of 50.3 samples and long windows, so that each median is the continuous one's.)
   */
  @Test
  void loudnessAndTheIncrementRatioCompareTheWindowsMedianIncrementWithTheReferences() {
    double[][] reference = sine(4096, 1.0, 0);
    ReferenceDynamics model = ReferenceDynamics.fit(reference, 1e-4);
    double[][] same = sine(1001, 1.0, 1000);
    double[][] louder = sine(1001, 2.0, 1000);
    double[][] calmer = sine(1001, 0.5, 1000);
    double[][] flat = new double[1001][];
    for (int t = 0; t < flat.length; t++) flat[t] = new double[] {0.3};
    double[][] shifted = sine(1001, 1.0, 1000);
    for (int t = 500; t < shifted.length; t++) shifted[t][0] += 5;

    assertThat(model.loudness(same)).isCloseTo(1.0, within(0.05));
    assertThat(model.loudness(louder)).isCloseTo(4.0, within(0.2));
    assertThat(model.loudness(calmer)).isEqualTo(1.0);
    assertThat(model.loudness(shifted)).isCloseTo(1.0, within(0.05));
    assertThat(model.incrementRatio(same, 0)).isCloseTo(1.0, within(0.03));
    assertThat(model.incrementRatio(louder, 0)).isCloseTo(2.0, within(0.06));
    assertThat(model.incrementRatio(calmer, 0)).isCloseTo(0.5, within(0.015));
    assertThat(model.incrementRatio(flat, 0)).isZero();
  }

  @Test
  void aChannelThatNeverMovedInTheReferenceIsLeftOutOfTheLoudness() {
    double[][] sine = sine(4096, 1.0, 0);
    double[][] reference = new double[sine.length][];
    for (int t = 0; t < sine.length; t++) reference[t] = new double[] {sine[t][0], 0.0};
    ReferenceDynamics model = ReferenceDynamics.fit(reference, 1e-4);
    double[][] window = sine(1001, 1.0, 1000);
    double[][] moving = new double[window.length][];
    double[][] louder = new double[window.length][];
    for (int t = 0; t < window.length; t++) {
      moving[t] = new double[] {window[t][0], 0.01 * t}; // the stuck channel came alive
      louder[t] = new double[] {2 * window[t][0], 0.01 * t};
    }
    assertThat(model.loudness(moving)).isCloseTo(1.0, within(0.05));
    assertThat(model.loudness(louder)).isCloseTo(4.0, within(0.2));
    assertThat(model.incrementRatio(moving, 1)).isGreaterThan(1e6);

    double[][] constant = new double[4096][];
    for (int t = 0; t < constant.length; t++) constant[t] = new double[] {0.0};
    double[][] ramp = new double[1001][];
    for (int t = 0; t < ramp.length; t++) ramp[t] = new double[] {0.01 * t};
    assertThat(ReferenceDynamics.fit(constant, 1e-4).loudness(ramp)).isEqualTo(1.0);
  }

  /** a sin(2 pi t / 50.3), t from {@code start}, one channel. */
  private static double[][] sine(int n, double a, int start) {
    double[][] z = new double[n][];
    for (int t = 0; t < n; t++)
      z[t] = new double[] {a * Math.sin(2 * Math.PI * (start + t) / 50.3)};
    return z;
  }

  @Test
  void onlyTheSignalsAwayFromTheReferenceAreOneSidedAndOnlyTheNoiseProneOnesNeedSupport() {
    assertThat(Signal.GEOMETRY_DISSIMILARITY.upOnly()).isTrue();
    assertThat(Signal.OCCUPANCY_DIVERGENCE.upOnly()).isTrue();
    assertThat(Signal.FORECAST_ERROR.upOnly()).as("only lost skill alerts").isTrue();
    assertThat(Signal.REFERENCE_RESIDUAL.upOnly()).isFalse();
    assertThat(java.util.Arrays.stream(Signal.values()).filter(Signal::needsCorroboration).toList())
        .containsExactly(
            Signal.OCCUPANCY_DIVERGENCE,
            Signal.PERMUTATION_ENTROPY,
            Signal.GEOMETRY_DISSIMILARITY,
            Signal.VALID_PREDICTION_TIME,
            Signal.ROLLOUT_FAILURE_RATE);
  }
}
