package io.chaoscast.models.drift;

import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.metrics.ValidPredictionTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The drift and stability monitor of one stream: feed it samples in time order with {@link
 * #update}; it returns the alert events (usually none) that the sample caused. Phases, in samples
 * (docs/drift.md):
 *
 * <ol>
 *   <li>reference ({@code referenceSamples}): collected, then {@link ReferenceModel} is fitted;
 *   <li>calibration ({@code calibrationSamples}): every {@code hop} samples the signals of {@link
 *       Signal} are computed and stored; at the end each gets a {@link Baseline};
 *   <li>monitoring: each block's z-scores feed a Page-Hinkley, an ADWIN and a KSWIN detector per
 *       signal; a signal fires while a detector has flagged its current excursion and |z| >= openZ;
 *       each {@link AlertKind} has an {@link AlertLifecycle}.
 * </ol>
 *
 * <p>All state is in this object (no static mutable state); a seed fixes the only randomness
 * (KSWIN's draws), so a replay of the same samples gives the same events. {@link
 * StreamMonitorState} writes and reads it field by field (the fields are package-private for it).
 * Buffers grow as samples arrive: most streams of a busy job are short-lived and never leave the
 * reference period, so they must not hold its full length. Not thread-safe: one instance per
 * stream, as keyed state.
 */
public final class StreamMonitor {

  /** The per-block signals (baselines, detectors, calibration values). */
  static final Signal[] SIGNALS = Signal.PER_BLOCK;

  /** Values in a {@link BlockSignals}: the per-block signals and the forecast surprise. */
  static final int ALL_SIGNALS = Signal.values().length;

  private static final int PE_ORDER = 4;
  private static final int SURPRISE = Signal.FORECAST_SURPRISE.ordinal();

  /**
   * A pause longer than this many sampling intervals (of the reference period, median) is a gap:
   * the windows restart after it, because samples on either side no longer follow each other.
   */
  static final double GAP_INTERVALS = 5;

  /**
   * Blocks between two fits of the forecast check's NVAR. A fit per block was more than half of the
   * monitor's CPU; refitting every 8 blocks (a third of the fit window's turnover at the default
   * hop) halved it and left the tuning suite's alerts as good (docs/drift.md, "Forecast check").
   */
  static final int REFIT_BLOCKS = 8;

  /**
   * First threshold of {@link Signal#fallNeedsQuietChannel}: the channel's SD over the last W
   * samples is below this fraction of its reference SD. Chosen on the tuning suite: its stuck
   * sensors open at window SD 0 and 0.23 of the reference's, its EEG control's falling residual (a
   * false alarm) at 0.68 (docs/drift.md, "Firing").
   */
  static final double QUIET_WINDOW_SD = 0.5;

  /**
   * Second threshold of {@link Signal#fallNeedsQuietChannel}, on the same channel: its median
   * one-step increment over the window is below this fraction of the reference's, so it has stopped
   * moving, not just calmed down. Chosen on the tuning data: the tuning bulk EEG controls' falls on
   * calm stretches (window SD 0.22-0.47) kept 0.35-0.53 of the reference's increment, a stuck
   * channel keeps 0 once it has been stuck for half the window.
   */
  static final double STILL_INCREMENT_RATIO = 0.25;

  /** Weight of each new interval in the sampling-interval estimate. */
  static final double INTERVAL_WEIGHT = 0.05;

  final String streamId;
  final MonitorConfig config;
  final long seed;
  final int channels;

  /** The reference samples so far, time-major and flat (sample i at [i * channels]); grows. */
  double[] referenceRaw;

  /**
   * The sampling interval so far (NaN before two samples): an exponentially weighted mean (weight
   * {@link #INTERVAL_WEIGHT}) of the intervals, each clipped to [dt / 5, 5 dt] first, so that a
   * pause or a duplicate time barely moves it. One number instead of the reference's times: most
   * streams of a busy job never leave the reference period, and their state must stay small.
   */
  double intervalEstimate = Double.NaN;

  int referenceCount;

  /** Stream time at which the current phase (reference, calibration) began. */
  double phaseStart = Double.NaN;

  /** Time of the previous sample (gap detection). */
  double lastTime = Double.NaN;

  /** Samples since the reference or the last gap, at most the ring's length. */
  int filled;

  ReferenceModel reference;

  double[][] ring;

  /**
   * Cache of {@link #nearestReference(long, double[])}: slot i holds the sample index it is for.
   */
  private long[] nearestIndex;

  private double[][] nearest;

  /** Cache of the permutation entropy's patterns by sample index (like {@link #nearest}). */
  private PermutationEntropy.SlidingWindow entropyWindow;

  long pushed;
  long post;
  int[] cells;
  int[] cellCounts;
  final boolean[] rollouts;
  int rolloutCount;

  /**
   * Whether the served model failed a rollout since the last block ({@link #servedRolloutFailed}).
   */
  boolean servedFailure;

  NvarForecaster forecaster;

  /**
   * The forecast check's NVAR, fitted on the block's context every {@link #REFIT_BLOCKS} blocks and
   * rolled out from each block's context in between; null before the first block and after a gap.
   */
  NvarModelForecaster fitted;

  ReferenceDynamics dynamics;
  double[] residuals;
  double residualSum;

  /** The forecast surprise of the one-step residuals; set up with the reference. */
  ForecastSurprise surprise;

  /** Largest surprise z of the current block's samples (NaN: none yet). */
  double surpriseMax = Double.NaN;

  /** When the current surprise excursion began (z above the resolve band), or NaN. */
  double surpriseSince = Double.NaN;

  /** Whether the last block's short-window error exceeded the learned peak. */
  boolean surpriseBeyondPeak;

  /** Calibration signals, block-major and flat (block b's signal s at [b * SIGNALS.length + s]). */
  double[] calibration;

  int calibrationBlocks;
  Baseline[] baselines;
  DriftDetector[][] detectors;
  Set<String>[] armedBy;
  final double[] excursionStart = new double[SIGNALS.length];
  final AlertLifecycle[] lifecycles;
  long blocks;
  BlockSignals last;

  /**
   * @param streamId carried by every event
   * @param channels values per sample
   * @param seed seed of the KSWIN draws
   */
  @SuppressWarnings("unchecked")
  public StreamMonitor(String streamId, int channels, MonitorConfig config, long seed) {
    if (channels < 1) throw new IllegalArgumentException("channels must be >= 1");
    this.streamId = Objects.requireNonNull(streamId);
    this.config = Objects.requireNonNull(config);
    this.seed = seed;
    this.channels = channels;
    this.referenceRaw = new double[Math.min(config.referenceSamples(), 16) * channels];
    this.rollouts = new boolean[config.rolloutMemory()];
    this.lifecycles = new AlertLifecycle[AlertKind.values().length];
    for (AlertKind k : AlertKind.values()) lifecycles[k.ordinal()] = new AlertLifecycle(k, config);
    this.armedBy = new Set[SIGNALS.length];
    java.util.Arrays.fill(excursionStart, Double.NaN);
  }

  public String streamId() {
    return streamId;
  }

  /** The settings this monitor runs under. */
  public MonitorConfig config() {
    return config;
  }

  /** A fresh monitor of this stream (same channels and seed) under other settings. */
  public StreamMonitor restartedWith(MonitorConfig other) {
    return new StreamMonitor(streamId, channels, other, seed);
  }

  /** Values per sample. */
  public int channels() {
    return channels;
  }

  /** Whether the baselines are learned and alerts can be raised. */
  public boolean monitoring() {
    return baselines != null;
  }

  /** The reference model, or null during the reference period. */
  public ReferenceModel reference() {
    return reference;
  }

  /** The latest block's signals, or null before the first block. */
  public BlockSignals lastSignals() {
    return last;
  }

  /** Whether an alert of this kind is open. */
  public boolean isOpen(AlertKind kind) {
    return lifecycles[kind.ordinal()].isOpen();
  }

  /**
   * The model serving this stream produced a forecast that is not finite: the next block counts a
   * failed rollout, as if the monitor's own check had failed (docs/drift.md). Before the reference
   * is fitted there are no rollouts to count, and it is ignored.
   */
  public void servedRolloutFailed() {
    if (reference != null) servedFailure = true;
  }

  /**
   * Feeds one sample; returns the alert events it caused (empty almost always). Non-finite values
   * are rejected with an exception: the data-quality stage filters them before this monitor.
   */
  public List<AlertEvent> update(double timeSeconds, double[] values) {
    if (values.length != channels) throw new IllegalArgumentException("channel count changed");
    for (double v : values)
      if (!Double.isFinite(v)) throw new IllegalArgumentException("non-finite");
    if (reference == null) {
      collectReference(timeSeconds, values);
      return List.of();
    }
    boolean gap = timeSeconds - lastTime > GAP_INTERVALS * reference.dt;
    lastTime = timeSeconds;
    if (gap) restartWindows();
    double[] z = new double[channels];
    for (int c = 0; c < channels; c++) z[c] = (values[c] - reference.mean[c]) / reference.sd[c];
    double[] previous = ring[(int) ((pushed - 2 + ring.length) % ring.length)];
    double[] current = ring[(int) ((pushed - 1) % ring.length)];
    push(z);
    post++;
    if (filled < ring.length) filled++;
    int w = config.window();
    int slot = (int) (post % w);
    // the one-step residual needs two earlier samples on this side of a gap
    double r = filled >= 3 ? dynamics.residual(previous, current, z) : 0;
    residualSum += r - residuals[slot];
    residuals[slot] = r;
    if (cells[slot] >= 0) cellCounts[cells[slot]]--;
    cells[slot] = filled > (reference.m - 1) * reference.tau ? reference.cell(newestVector()) : -1;
    if (cells[slot] >= 0) cellCounts[cells[slot]]++;
    if (filled >= 3) observeSurprise(timeSeconds, r);
    if (post < w || filled < ring.length || post % config.hop() != 0) return List.of();
    BlockSignals b = computeSignals(timeSeconds);
    if (baselines == null) {
      int at = calibrationBlocks * SIGNALS.length;
      if (at + SIGNALS.length > calibration.length) {
        calibration = java.util.Arrays.copyOf(calibration, 2 * (at + SIGNALS.length));
      }
      System.arraycopy(b.values(), 0, calibration, at, SIGNALS.length);
      calibrationBlocks++;
      last = b;
      if (calibrationEnds(timeSeconds)) learnBaselines();
      return List.of();
    }
    return monitor(b);
  }

  /** Stores a reference sample; fits the reference when the period ends (by count or time). */
  private void collectReference(double timeSeconds, double[] values) {
    if (referenceCount == 0) phaseStart = timeSeconds;
    if ((referenceCount + 1) * channels > referenceRaw.length) {
      int capacity = Math.min(config.referenceSamples(), 2 * (referenceCount + 1));
      referenceRaw = java.util.Arrays.copyOf(referenceRaw, capacity * channels);
    }
    System.arraycopy(values, 0, referenceRaw, referenceCount++ * channels, channels);
    if (referenceCount > 1)
      intervalEstimate = nextInterval(intervalEstimate, timeSeconds - lastTime);
    lastTime = timeSeconds;
    boolean byTime =
        config.referenceSeconds() > 0
            && referenceCount >= MonitorConfig.MIN_REFERENCE_SAMPLES
            && timeSeconds - phaseStart >= config.referenceSeconds();
    if (referenceCount == config.referenceSamples() || byTime) {
      fitReference(intervalEstimate > 0 ? intervalEstimate : 1.0);
      phaseStart = timeSeconds;
    }
  }

  /**
   * The interval estimate after one more interval d: the first positive d, then (1 - w) dt + w
   * clip(d, dt / 5, 5 dt) with w = {@link #INTERVAL_WEIGHT}; a non-positive d (a repeated or
   * earlier time) leaves it.
   */
  static double nextInterval(double dt, double d) {
    if (!(d > 0)) return dt;
    if (!(dt > 0)) return d;
    double clipped = Math.max(dt / GAP_INTERVALS, Math.min(d, GAP_INTERVALS * dt));
    return (1 - INTERVAL_WEIGHT) * dt + INTERVAL_WEIGHT * clipped;
  }

  /**
   * Whether calibration is over after this block: after {@code calibrationSamples}, or after {@code
   * calibrationSeconds} of stream time, with at least the minimum of blocks either way (gaps can
   * hold blocks back), and at the latest when as many blocks as the samples allow are in.
   */
  private boolean calibrationEnds(double timeSeconds) {
    if (calibrationBlocks >= config.calibrationSamples() / config.hop()) return true;
    if (calibrationBlocks < MonitorConfig.MIN_CALIBRATION_BLOCKS) return false;
    return post + config.hop() > config.calibrationSamples()
        || (config.calibrationSeconds() > 0
            && timeSeconds - phaseStart >= config.calibrationSeconds());
  }

  /**
   * After a gap: the windows, occupancy counts, residuals and the surprise's short window start
   * empty, and no block is computed until they hold samples from after the gap only; baselines,
   * detectors and alerts carry on.
   */
  private void restartWindows() {
    filled = 0;
    java.util.Arrays.fill(cells, -1);
    java.util.Arrays.fill(cellCounts, 0);
    java.util.Arrays.fill(residuals, 0);
    residualSum = 0;
    surprise.restart();
    fitted = null;
  }

  /**
   * Feeds one sample's one-step residual to the forecast surprise. The long-run error distribution
   * learns only while no alert of the stream is open (an open alert means the errors are not the
   * stream's usual ones).
   */
  private void observeSurprise(double timeSeconds, double residual) {
    double z = surprise.observe(Math.sqrt(residual), !anyOpen());
    if (!Double.isNaN(z) && !(z <= surpriseMax)) surpriseMax = z;
    if (z >= config.resolveZ() && Double.isNaN(surpriseSince)) surpriseSince = timeSeconds;
  }

  private boolean anyOpen() {
    for (AlertLifecycle l : lifecycles) if (l.isOpen()) return true;
    return false;
  }

  private void fitReference(double dt) {
    int n = referenceCount;
    double[][] raw = new double[n][];
    for (int i = 0; i < n; i++) {
      raw[i] = java.util.Arrays.copyOfRange(referenceRaw, i * channels, (i + 1) * channels);
    }
    reference = ReferenceModel.fit(raw, dt, config);
    int length = ringLength(config, reference);
    ring = new double[length][];
    for (int i = n - length; i < n; i++) {
      double[] z = new double[channels];
      for (int c = 0; c < channels; c++) {
        z[c] = (raw[i][c] - reference.mean[c]) / reference.sd[c];
      }
      push(z);
    }
    double[][] standardised = new double[n][];
    for (int i = 0; i < n; i++) {
      standardised[i] = new double[channels];
      for (int c = 0; c < channels; c++) {
        standardised[i][c] = (raw[i][c] - reference.mean[c]) / reference.sd[c];
      }
    }
    dynamics = ReferenceDynamics.fit(standardised, config.nvarRidge());
    referenceRaw = null;
    startCalibration();
    filled = ring.length; // the ring holds the reference's last samples, without a gap
  }

  /** The per-sample buffers that follow the reference fit (also set up by a restore). */
  void startCalibration() {
    residuals = new double[config.window()];
    cells = new int[config.window()];
    java.util.Arrays.fill(cells, -1);
    cellCounts = new int[reference.landmarks.length + 1];
    surprise = new ForecastSurprise(config.anomalyShortSamples(), config.anomalyLongSamples());
    forecaster = new NvarForecaster(config.nvarDelays(), reference.tau, config.nvarRidge());
    calibration = new double[16 * SIGNALS.length];
  }

  /** Standardised samples kept after the reference: the longest window any signal looks back. */
  static int ringLength(MonitorConfig config, ReferenceModel reference) {
    int span = (reference.m - 1) * reference.tau;
    return Math.max(config.window() + span, config.forecastContext() + config.forecastHorizon())
        + 1;
  }

  private void push(double[] z) {
    ring[(int) (pushed % ring.length)] = z;
    pushed++;
  }

  /**
   * The nearest reference vector of {@code item}, the delay vector ending at absolute sample {@code
   * index}. Pushed samples never change, so the answer holds for as long as the ring keeps that
   * sample, and the representational-similarity items recur: with the defaults (items 6 samples
   * apart, blocks 4 apart) a block shares 14 of its 16 items with the block three before, and the
   * k-d tree searches were the monitor's largest cost. Not persisted: a restored monitor searches
   * again and finds the same vectors.
   */
  private double[] nearestReference(long index, double[] item) {
    if (nearestIndex == null || nearestIndex.length != ring.length) {
      nearestIndex = new long[ring.length];
      nearest = new double[ring.length][];
      java.util.Arrays.fill(nearestIndex, -1);
    }
    int slot = (int) (index % ring.length);
    if (nearestIndex[slot] != index) {
      nearest[slot] = reference.nearestReference(item);
      nearestIndex[slot] = index;
    }
    return nearest[slot];
  }

  /** The last {@code count} standardised samples, oldest first. */
  private double[][] recent(int count) {
    double[][] out = new double[count][];
    for (int i = 0; i < count; i++) out[i] = ring[(int) ((pushed - count + i) % ring.length)];
    return out;
  }

  private double[] newestVector() {
    int span = (reference.m - 1) * reference.tau;
    double[][] rows = recent(span + 1);
    return embed(rows, span, channels, reference.m, reference.tau);
  }

  /** Delay vector of row t: channel-major (x_c[t], x_c[t - tau], ..., x_c[t - (m-1) tau]). */
  static double[] embed(double[][] rows, int t, int d, int m, int tau) {
    double[] v = new double[d * m];
    for (int c = 0; c < d; c++) {
      for (int j = 0; j < m; j++) v[c * m + j] = rows[t - j * tau][c];
    }
    return v;
  }

  private BlockSignals computeSignals(double time) {
    int w = config.window();
    int m = reference.m;
    int tau = reference.tau;
    int span = (m - 1) * tau;
    double[] v = new double[ALL_SIGNALS];
    double[][] rows = recent(w + span);

    // The sum is updated incrementally; clamp the rounding drift at zero.
    v[Signal.REFERENCE_RESIDUAL.ordinal()] = Math.log(Math.max(residualSum, 0) / w + 1e-12);

    double[] q = new double[cellCounts.length];
    for (int i = 0; i < q.length; i++) q[i] = cellCounts[i] + 0.5;
    v[Signal.OCCUPANCY_DIVERGENCE.ordinal()] =
        Math.log(Math.max(1e-9, Divergences.jensenShannon(reference.occupancy, q)));

    double[] x = new double[w];
    for (int i = 0; i < w; i++) x[i] = rows[span + i][0];
    long first = pushed - rows.length; // absolute index of rows[0]
    if (entropyWindow == null || entropyWindow.capacity() != ring.length) {
      entropyWindow = new PermutationEntropy.SlidingWindow(PE_ORDER, ring.length);
    }
    v[Signal.PERMUTATION_ENTROPY.ordinal()] = entropyWindow.of(x, first + span, w, tau);

    int n = config.rsaItems();
    double[][] items = new double[n][];
    double[][] images = new double[n][];
    for (int i = 0; i < n; i++) {
      int t = span + w - 1 - (int) ((long) i * w / n);
      items[i] = embed(rows, t, channels, m, tau);
      images[i] = nearestReference(first + t, items[i]);
    }
    v[Signal.GEOMETRY_DISSIMILARITY.ordinal()] =
        Math.log(Math.max(1e-9, RepresentationalSimilarity.dissimilarity(items, images)));

    int h = config.forecastHorizon();
    double[][] span2 = recent(config.forecastContext() + h);
    double[][] context = java.util.Arrays.copyOfRange(span2, 0, config.forecastContext());
    double[][] actual = java.util.Arrays.copyOfRange(span2, config.forecastContext(), span2.length);
    if (fitted == null || blocks % REFIT_BLOCKS == 0) fitted = forecaster.fitWindow(context);
    double[][] forecast = fitted.forecastWindow(context, h);
    ForecastCheck check =
        ForecastCheck.of(forecast, actual, reference.dt, reference.lo, reference.hi);
    v[Signal.FORECAST_ERROR.ordinal()] = Math.log(check.meanError() + 1e-9);
    v[Signal.FINITE_TIME_LYAPUNOV.ordinal()] = check.finiteTimeLyapunov();
    v[Signal.VALID_PREDICTION_TIME.ordinal()] =
        ValidPredictionTime.of(forecast, actual, reference.dt, Double.NaN).steps();
    rollouts[(int) (blocks % rollouts.length)] = check.failed() || servedFailure;
    servedFailure = false;
    rolloutCount = (int) Math.min(rollouts.length, blocks + 1);
    int failed = 0;
    for (int i = 0; i < rolloutCount; i++) if (rollouts[i]) failed++;
    v[Signal.ROLLOUT_FAILURE_RATE.ordinal()] = (double) failed / rolloutCount;
    blocks++;

    double[] z = new double[ALL_SIGNALS];
    java.util.Arrays.fill(z, Double.NaN);
    z[SURPRISE] = surpriseMax;
    v[SURPRISE] = Double.isNaN(surpriseMax) ? 0 : ForecastSurprise.log10Surprise(surpriseMax);
    surpriseMax = Double.NaN;
    surpriseBeyondPeak = surprise.beyondPeak(config.tailFactor());
    if (baselines != null) {
      for (int s = 0; s < SIGNALS.length; s++) {
        z[s] = Math.max(-1e3, Math.min(1e3, baselines[s].z(v[s])));
      }
    }
    double[] leads = {check.errors()[h / 4 - 1], check.errors()[h / 2 - 1], check.errors()[h - 1]};
    return new BlockSignals(time, v, z, leads);
  }

  private void learnBaselines() {
    baselines = new Baseline[SIGNALS.length];
    for (int s = 0; s < SIGNALS.length; s++) {
      double[] values = new double[calibrationBlocks];
      for (int b = 0; b < calibrationBlocks; b++) values[b] = calibration[b * SIGNALS.length + s];
      baselines[s] = Baseline.of(values, SIGNALS[s].minScale());
    }
    startMonitoring();
    calibration = null;
  }

  /** Fresh detectors and armed-by sets, once the baselines are known (also used by a restore). */
  void startMonitoring() {
    detectors = new DriftDetector[SIGNALS.length][];
    for (int s = 0; s < SIGNALS.length; s++) {
      detectors[s] =
          new DriftDetector[] {
            PageHinkley.withDefaults(), Adwin.withDefaults(), Kswin.withDefaults(seed + 31L * s)
          };
      armedBy[s] = new LinkedHashSet<>();
    }
  }

  /** Whether the alert kind with this ordinal has a signal that may alert on its own. */
  private static boolean hasUnrestrictedSignal(int kind) {
    for (Signal s : SIGNALS) {
      if (s.kind().ordinal() == kind && !s.needsCorroboration()) return true;
    }
    return false;
  }

  /**
   * The ANOMALY kind's part of a block: active while the block's largest surprise z is above the
   * resolve band, firing when its tail probability is at most {@code anomalyTailProbability}.
   */
  private void anomaly(BlockSignals b, List<SignalExcursion> firing, boolean[] active) {
    double z = b.z()[SURPRISE];
    if (!(z >= config.resolveZ())) {
      surpriseSince = Double.NaN;
      return;
    }
    active[AlertKind.ANOMALY.ordinal()] = true;
    if (surpriseBeyondPeak
        && ForecastSurprise.tailProbability(z) <= config.anomalyTailProbability()) {
      firing.add(
          new SignalExcursion(
              Signal.FORECAST_SURPRISE,
              List.of(ForecastSurprise.NAME),
              z,
              b.values()[SURPRISE],
              surprise.mean(),
              Double.isNaN(surpriseSince) ? b.timeSeconds() : surpriseSince));
    }
  }

  /**
   * The smallest per-channel SD over the last W samples, in units of the channel's reference SD
   * (the ring holds reference-standardised samples). Compared with {@link #QUIET_WINDOW_SD}.
   */
  double quietestWindowSd() {
    double[] sd = windowSds(recent(config.window()));
    return java.util.Arrays.stream(sd).min().orElse(Double.NaN);
  }

  /** The smallest per-channel ratio of the window's median |dz| to the reference's. */
  double stillestIncrementRatio() {
    double[][] rows = recent(config.window());
    double least = Double.POSITIVE_INFINITY;
    for (int c = 0; c < channels; c++) least = Math.min(least, dynamics.incrementRatio(rows, c));
    return least;
  }

  /** How much louder the window is than the reference ({@link ReferenceDynamics#loudness}). */
  double loudness() {
    return dynamics.loudness(recent(config.window()));
  }

  private static double[] windowSds(double[][] rows) {
    double[] sd = new double[rows[0].length];
    for (int c = 0; c < sd.length; c++) {
      double sum = 0;
      double squares = 0;
      for (double[] row : rows) {
        sum += row[c];
        squares += row[c] * row[c];
      }
      double mean = sum / rows.length;
      sd[c] = Math.sqrt(Math.max(0, squares / rows.length - mean * mean));
    }
    return sd;
  }

  /**
   * Whether some channel has gone quiet and stopped moving over the window: SD under {@link
   * #QUIET_WINDOW_SD} and median increment under {@link #STILL_INCREMENT_RATIO} of the reference's.
   */
  private boolean hasStillChannel() {
    double[][] rows = recent(config.window());
    double[] sd = windowSds(rows);
    for (int c = 0; c < channels; c++) {
      if (sd[c] < QUIET_WINDOW_SD && dynamics.incrementRatio(rows, c) < STILL_INCREMENT_RATIO) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a value of signal {@code s} {@code change} from its baseline median may fire: at least
   * the signal's {@link Signal#minChange} (a rise net of the window's loudness where the signal
   * asks for it), and below the median only on a still channel where the signal asks for one.
   */
  private boolean changeCounts(int s, double change) {
    Signal signal = SIGNALS[s];
    if (change >= 0) {
      double net = signal.riseNetOfLoudness() ? change - Math.log(loudness()) : change;
      return net >= signal.minChange();
    }
    if (-change < signal.minChange()) return false;
    return !signal.fallNeedsQuietChannel() || hasStillChannel();
  }

  private List<AlertEvent> monitor(BlockSignals b) {
    double time = b.timeSeconds();
    List<List<SignalExcursion>> firing = new ArrayList<>();
    boolean[] active = new boolean[AlertKind.values().length];
    for (int k = 0; k < active.length; k++) firing.add(new ArrayList<>());
    boolean adapt = config.baselineAlpha() > 0 && !anyOpen();
    for (int s = 0; s < SIGNALS.length; s++) {
      double z = b.z()[s];
      for (DriftDetector d : detectors[s]) {
        if (d.update(z)) armedBy[s].add(d.name());
      }
      int kind = SIGNALS[s].kind().ordinal();
      // Only quiet values move a baseline, and none while an alert is open: a change must not
      // teach the baseline to accept it (docs/drift.md, "Adapting baselines").
      if (adapt && Math.abs(z) < config.resolveZ()) {
        baselines[s] =
            baselines[s].adapt(
                b.values()[s], config.baselineAlpha(), config.resolveZ(), SIGNALS[s].minScale());
      }
      // A one-sided signal's excursion only counts away from the reference (e.g. a window that
      // matches the reference geometry better than usual is no drift).
      double excursion = SIGNALS[s].upOnly() ? z : Math.abs(z);
      if (excursion < config.resolveZ()) {
        armedBy[s].clear();
        excursionStart[s] = Double.NaN;
        continue;
      }
      active[kind] = true;
      if (Double.isNaN(excursionStart[s])) excursionStart[s] = time;
      if (!armedBy[s].isEmpty()
          && excursion >= config.openZ()
          && baselines[s].tailRatio(b.values()[s]) >= config.tailFactor()
          && changeCounts(s, b.values()[s] - baselines[s].median())) {
        firing
            .get(kind)
            .add(
                new SignalExcursion(
                    SIGNALS[s],
                    new ArrayList<>(armedBy[s]),
                    z,
                    b.values()[s],
                    baselines[s].median(),
                    excursionStart[s]));
      }
    }
    anomaly(b, firing.get(AlertKind.ANOMALY.ordinal()), active);
    last = b;
    int count = 0;
    boolean critical = false;
    for (List<SignalExcursion> f : firing) {
      count += f.size();
      for (SignalExcursion e : f) critical |= Math.abs(e.z()) >= config.criticalZ();
    }
    if (count < config.corroboration() && !critical) {
      for (List<SignalExcursion> f : firing) f.clear();
    } else {
      // Signals that may not alert on their own (Signal#needsCorroboration) count only in a block
      // where an unrestricted signal of their own kind fires too (of any kind, for a kind that has
      // no unrestricted signal), however large their excursion.
      boolean anySupport = false;
      boolean[] kindSupport = new boolean[firing.size()];
      for (int k = 0; k < firing.size(); k++) {
        for (SignalExcursion e : firing.get(k)) {
          if (!e.signal().needsCorroboration()) kindSupport[k] = anySupport = true;
        }
      }
      for (int k = 0; k < firing.size(); k++) {
        boolean supported = hasUnrestrictedSignal(k) ? kindSupport[k] : anySupport;
        if (!supported) firing.get(k).removeIf(e -> e.signal().needsCorroboration());
      }
    }
    List<AlertEvent> events = new ArrayList<>(1);
    for (AlertKind k : AlertKind.values()) {
      if (k == AlertKind.DRIFT_STORM) continue;
      lifecycles[k.ordinal()]
          .step(streamId, blocks, time, firing.get(k.ordinal()), active[k.ordinal()])
          .ifPresent(events::add);
    }
    return events;
  }
}
