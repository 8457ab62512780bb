package io.chaoscast.models.drift;

import io.chaoscast.models.baselines.NvarModelForecaster;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link StreamMonitor}'s state written field by field to a {@link DataOutput} and read back (the
 * Flink job keeps it as keyed state through this; no Java serialization). Only what the current
 * phase holds is written: a stream in its reference period writes its samples and nothing else. The
 * settings are not written: the reader passes the {@link MonitorConfig} the state was written with,
 * and everything derived from it (the NVAR forecaster, the detectors' settings, buffer sizes) is
 * rebuilt. Every length read is bounded by those settings, so corrupt or hostile bytes give an
 * {@link IOException} that says what was wrong, never a huge allocation.
 */
public final class StreamMonitorState {

  /** Detectors per signal (Page-Hinkley, ADWIN, KSWIN, in that order). */
  static final int DETECTORS = 3;

  /** Channels a restored monitor may have; arrays still grow only as their bytes arrive. */
  static final int MAX_CHANNELS = 1 << 16;

  /**
   * The layout {@link #write} writes. 4 adds the forecast check's fitted NVAR to 3 (issue 18's
   * monitor); a monitor read from 3 fits it afresh at its next block. 5 adds the reference's
   * increment scales to the dynamics; a monitor read from 3 or 4 judges the residual as those did
   * (no loudness discount, quiet channels by their SD alone).
   */
  public static final int FORMAT = 5;

  /** The oldest layout {@link #read} takes. */
  public static final int OLDEST_FORMAT = 3;

  private static final int REFERENCE = 0;
  private static final int CALIBRATION = 1;
  private static final int MONITORING = 2;

  private StreamMonitorState() {}

  /** Writes the monitor's state (not its settings). */
  public static void write(StreamMonitor m, DataOutput out) throws IOException {
    write(m, out, true, FORMAT);
  }

  /** Writes the monitor's state in an older layout (tests of reading it). */
  static void write(StreamMonitor m, DataOutput out, int format) throws IOException {
    write(m, out, true, format);
  }

  /**
   * A copy that continues exactly like {@code m} and shares its fitted reference model, dynamics
   * and forecast-check NVAR, which never change once fitted (a refit replaces the monitor's NVAR,
   * it does not change it): only the mutable state (buffers, detectors, lifecycles) is copied,
   * through the same fields a checkpoint holds (in a {@link StateBuffer}). Flink's heap backend
   * copies a monitor whenever the stream updates it while a checkpoint is being written; a full
   * round trip there rebuilt the reference's k-d tree each time (a third of the job's CPU under the
   * soak load).
   */
  public static StreamMonitor copy(StreamMonitor m) {
    var buffer = new StateBuffer(32 * 1024);
    try {
      write(m, buffer, false, FORMAT);
      return readFields(buffer, m.config, FORMAT, m);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the drift monitor of " + m.streamId, e);
    }
  }

  /**
   * Writes {@code m}; without {@code withFits} (a {@link #copy}) it leaves out the fitted parts
   * that a copy shares: the reference model, the dynamics and the forecast check's NVAR.
   */
  private static void write(StreamMonitor m, DataOutput out, boolean withFits, int format)
      throws IOException {
    out.writeUTF(m.streamId);
    out.writeInt(m.channels);
    out.writeLong(m.seed);
    if (m.reference == null) {
      out.writeByte(REFERENCE);
      out.writeInt(m.referenceCount);
      out.writeDouble(m.phaseStart);
      out.writeDouble(m.lastTime);
      out.writeDouble(m.intervalEstimate);
      StateIO.writeDoubles(out, m.referenceRaw, m.referenceCount * m.channels);
      return;
    }
    out.writeByte(m.monitoring() ? MONITORING : CALIBRATION);
    if (withFits) {
      m.reference.write(out);
      m.dynamics.write(out, format);
    }
    out.writeLong(m.pushed);
    for (double[] row : m.ring) StateIO.writeDoubles(out, row, row.length);
    out.writeLong(m.post);
    out.writeDouble(m.phaseStart);
    out.writeDouble(m.lastTime);
    out.writeInt(m.filled);
    // a cell is -1 while its sample's delay vector would span a gap: written + 1
    for (int c : m.cells) out.writeInt(c + 1);
    StateIO.writeInts(out, m.cellCounts);
    StateIO.writeDoubles(out, m.residuals, m.residuals.length);
    out.writeDouble(m.residualSum);
    m.surprise.writeState(out);
    out.writeDouble(m.surpriseMax);
    out.writeDouble(m.surpriseSince);
    out.writeBoolean(m.surpriseBeyondPeak);
    for (boolean r : m.rollouts) out.writeBoolean(r);
    out.writeInt(m.rolloutCount);
    out.writeBoolean(m.servedFailure);
    out.writeLong(m.blocks);
    writeSignals(out, m.last);
    if (format >= 4 && withFits) writeFitted(out, m.fitted);
    if (!m.monitoring()) {
      out.writeInt(m.calibrationBlocks);
      StateIO.writeDoubles(out, m.calibration, m.calibrationBlocks * StreamMonitor.SIGNALS.length);
      return;
    }
    for (int s = 0; s < StreamMonitor.SIGNALS.length; s++) {
      Baseline b = m.baselines[s];
      out.writeDouble(b.median());
      out.writeDouble(b.scale());
      out.writeDouble(b.min());
      out.writeDouble(b.max());
      ((PageHinkley) m.detectors[s][0]).writeState(out);
      ((Adwin) m.detectors[s][1]).writeState(out);
      ((Kswin) m.detectors[s][2]).writeState(out);
      // armed-by as detector indices, in the order they armed (the order alerts list them in)
      out.writeByte(m.armedBy[s].size());
      for (String name : m.armedBy[s]) out.writeByte(detectorIndex(m.detectors[s], name));
      out.writeDouble(m.excursionStart[s]);
    }
    for (AlertLifecycle l : m.lifecycles) l.writeState(out);
  }

  /**
   * Reads a monitor written by {@link #write} under these settings.
   *
   * @throws IOException when the bytes end early or do not describe a monitor under these settings
   */
  public static StreamMonitor read(DataInput in, MonitorConfig config) throws IOException {
    return read(in, config, FORMAT);
  }

  /**
   * Reads a monitor written in layout {@code format} ({@link #OLDEST_FORMAT} to {@link #FORMAT}).
   *
   * @throws IOException when the bytes end early or do not describe a monitor under these settings
   */
  public static StreamMonitor read(DataInput in, MonitorConfig config, int format)
      throws IOException {
    if (format < OLDEST_FORMAT || format > FORMAT) {
      throw new IOException("drift monitor state: format " + format + " is not read here");
    }
    try {
      return readFields(in, config, format, null);
    } catch (EOFException e) {
      throw new IOException("drift monitor state: the bytes end early (truncated)", e);
    } catch (RuntimeException e) {
      throw new IOException("drift monitor state: corrupt (" + e + ")", e);
    }
  }

  /**
   * Reads the fields; the fitted parts from {@code in}, or, for a {@link #copy} of {@code
   * sharedFrom}, its instances.
   */
  private static StreamMonitor readFields(
      DataInput in, MonitorConfig config, int format, StreamMonitor sharedFrom) throws IOException {
    String stream = in.readUTF();
    int channels = StateIO.length(in, MAX_CHANNELS, "channel count");
    if (channels < 1) throw new IOException("drift monitor state: no channels");
    StreamMonitor m = new StreamMonitor(stream, channels, config, in.readLong());
    int phase = in.readUnsignedByte();
    if (phase == REFERENCE) {
      // a full reference period would have been fitted already
      m.referenceCount = StateIO.length(in, config.referenceSamples() - 1L, "reference samples");
      m.phaseStart = in.readDouble();
      m.lastTime = in.readDouble();
      m.intervalEstimate = in.readDouble();
      m.referenceRaw = StateIO.readDoubles(in, m.referenceCount * channels);
      return m;
    }
    if (phase != CALIBRATION && phase != MONITORING) {
      throw new IOException("drift monitor state: unknown phase " + phase);
    }
    boolean shared = sharedFrom != null;
    m.reference = shared ? sharedFrom.reference : ReferenceModel.read(in, channels, config);
    m.dynamics = shared ? sharedFrom.dynamics : ReferenceDynamics.read(in, channels, format);
    m.referenceRaw = null;
    m.startCalibration();
    m.pushed = in.readLong();
    m.ring = StateIO.readMatrix(in, StreamMonitor.ringLength(config, m.reference), channels);
    m.post = in.readLong();
    m.phaseStart = in.readDouble();
    m.lastTime = in.readDouble();
    m.filled = StateIO.length(in, m.ring.length, "samples since a gap");
    StateIO.readInts(in, m.cells, m.reference.landmarks.length + 1, "occupancy cell");
    for (int i = 0; i < m.cells.length; i++) m.cells[i]--;
    StateIO.readInts(in, m.cellCounts, config.window(), "occupancy count");
    for (int i = 0; i < m.residuals.length; i++) m.residuals[i] = in.readDouble();
    m.residualSum = in.readDouble();
    m.surprise.readState(in);
    m.surpriseMax = in.readDouble();
    m.surpriseSince = in.readDouble();
    m.surpriseBeyondPeak = in.readBoolean();
    for (int i = 0; i < m.rollouts.length; i++) m.rollouts[i] = in.readBoolean();
    m.rolloutCount = StateIO.length(in, m.rollouts.length, "rollout count");
    m.servedFailure = in.readBoolean();
    m.blocks = in.readLong();
    m.last = readSignals(in);
    if (shared) m.fitted = sharedFrom.fitted;
    else if (format >= 4) m.fitted = readFitted(in, m, channels);
    int signals = StreamMonitor.SIGNALS.length;
    if (phase == CALIBRATION) {
      int maxBlocks = config.calibrationSamples() / config.hop();
      m.calibrationBlocks = StateIO.length(in, maxBlocks, "calibration blocks");
      double[] values = StateIO.readDoubles(in, m.calibrationBlocks * signals);
      m.calibration = java.util.Arrays.copyOf(values, Math.max(values.length, 16 * signals));
      return m;
    }
    m.calibration = null;
    m.baselines = new Baseline[signals];
    m.startMonitoring();
    for (int s = 0; s < signals; s++) {
      m.baselines[s] =
          new Baseline(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
      ((PageHinkley) m.detectors[s][0]).readState(in);
      ((Adwin) m.detectors[s][1]).readState(in);
      ((Kswin) m.detectors[s][2]).readState(in);
      int armed = in.readUnsignedByte();
      if (armed > DETECTORS) throw new IOException("drift monitor state: " + armed + " armed-by");
      for (int i = 0; i < armed; i++) {
        int d = in.readUnsignedByte();
        if (d >= DETECTORS) throw new IOException("drift monitor state: detector " + d);
        m.armedBy[s].add(m.detectors[s][d].name());
      }
      m.excursionStart[s] = in.readDouble();
    }
    for (AlertLifecycle l : m.lifecycles) l.readState(in);
    return m;
  }

  private static void writeSignals(DataOutput out, BlockSignals b) throws IOException {
    out.writeBoolean(b != null);
    if (b == null) return;
    out.writeDouble(b.timeSeconds());
    StateIO.writeDoubles(out, b.values(), b.values().length);
    StateIO.writeDoubles(out, b.z(), b.z().length);
    StateIO.writeDoubles(out, b.errorAtLead(), b.errorAtLead().length);
  }

  private static BlockSignals readSignals(DataInput in) throws IOException {
    if (!in.readBoolean()) return null;
    int n = StreamMonitor.ALL_SIGNALS;
    double time = in.readDouble();
    double[] values = StateIO.readDoubles(in, n);
    double[] z = StateIO.readDoubles(in, n);
    return new BlockSignals(time, values, z, StateIO.readDoubles(in, 3));
  }

  private static void writeFitted(DataOutput out, NvarModelForecaster fitted) throws IOException {
    out.writeBoolean(fitted != null);
    if (fitted == null) return;
    NvarModelForecaster.Fitted f = fitted.fitted();
    int d = f.mean().length;
    StateIO.writeDoubles(out, f.mean(), d);
    StateIO.writeDoubles(out, f.std(), d);
    StateIO.writeDoubles(out, f.lo(), d);
    StateIO.writeDoubles(out, f.hi(), d);
    StateIO.writeMatrix(out, f.w());
  }

  /** The fitted NVAR of {@code m}'s forecast check, its shape fixed by the settings. */
  private static NvarModelForecaster readFitted(DataInput in, StreamMonitor m, int channels)
      throws IOException {
    if (!in.readBoolean()) return null;
    double[] mean = StateIO.readDoubles(in, channels);
    double[] std = StateIO.readDoubles(in, channels);
    double[] lo = StateIO.readDoubles(in, channels);
    double[] hi = StateIO.readDoubles(in, channels);
    int features = m.forecaster.featureCount(channels);
    double[][] w = StateIO.readMatrix(in, features, channels);
    return NvarModelForecaster.of(
        m.config.nvarDelays(),
        m.reference.tau,
        m.config.nvarRidge(),
        new NvarModelForecaster.Fitted(mean, std, lo, hi, w));
  }

  private static int detectorIndex(DriftDetector[] detectors, String name) {
    for (int i = 0; i < detectors.length; i++) if (detectors[i].name().equals(name)) return i;
    throw new IllegalStateException("no detector " + name);
  }

  /** A signal by name, or an IOException naming the unknown one. */
  static Signal signal(String name) throws IOException {
    try {
      return Signal.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IOException("drift monitor state: unknown signal " + name, e);
    }
  }
}
