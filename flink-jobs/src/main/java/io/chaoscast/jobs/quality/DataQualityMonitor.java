package io.chaoscast.jobs.quality;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Alert.Kind;
import io.chaoscast.connectors.schema.Alert.Severity;
import io.chaoscast.connectors.schema.Alert.State;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig.QualitySettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-quality rules for one stream, as a pure function of its {@link QualityState} and the next
 * record (definitions in docs/alerts.md):
 *
 * <ul>
 *   <li>channel-count change: {@code channelChangeRecords} consecutive records with the same
 *       channel count, other than the stream's; the last of them makes that count the stream's
 *       (re-learned, so one wrong first record cannot lock a stream out) and is accepted, the ones
 *       before it are rejected; the next record with the stream's count resolves the alert;
 *   <li>NaN burst: at least {@code nanBurstThreshold} of the last {@code nanBurstWindow} records
 *       carry a NaN, Infinity or null; every such record is also rejected; resolves when the window
 *       is clean again;
 *   <li>flat line: one channel repeats exactly the same value for {@code flatLineSamples}
 *       consecutive samples; resolves when every channel moves again;
 *   <li>gap: no record for {@code gapFactor} estimated sample intervals of event time (opened by
 *       {@link #onDeadline}); resolves with the next record.
 * </ul>
 */
public final class DataQualityMonitor implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Weight of a new interval in the interval estimate once past the warm-up. */
  private static final double INTERVAL_EMA_WEIGHT = 0.05;

  private final QualitySettings settings;

  public DataQualityMonitor(QualitySettings settings) {
    this.settings = settings;
  }

  /** What to do with a record, and the alert events it caused. */
  public record Outcome(DeadLetterReason rejection, String message, List<Alert> alerts) {
    public boolean accepted() {
      return rejection == null;
    }
  }

  public Outcome observe(QualityState s, Observation o) {
    List<Alert> alerts = new ArrayList<>(1);
    long ts = o.timestampMillis();
    if (s.channels == 0) s.channels = o.channelCount();

    if (o.channelCount() != s.channels) {
      s.mismatchRun = o.channelCount() == s.mismatchChannels ? s.mismatchRun + 1 : 1;
      s.mismatchChannels = o.channelCount();
      if (s.mismatchRun < settings.channelChangeRecords()) {
        return new Outcome(
            DeadLetterReason.CHANNEL_COUNT_MISMATCH,
            "record has "
                + o.channelCount()
                + " channels, stream "
                + o.stream()
                + " has "
                + s.channels,
            alerts);
      }
      // Persistent: the new count is the stream's from now on (a wrong first record, or a sensor
      // added, must not lock the stream out). The alert says so; the next record resolves it.
      if (!isOpen(s, Kind.CHANNEL_COUNT_CHANGE)) {
        alerts.add(
            open(
                s,
                o.stream(),
                ts,
                Kind.CHANNEL_COUNT_CHANGE,
                Severity.CRITICAL,
                o.channelCount(),
                s.channels,
                s.mismatchRun
                    + " consecutive records with "
                    + o.channelCount()
                    + " channels; the stream had "
                    + s.channels
                    + " and has "
                    + o.channelCount()
                    + " from now on"));
      }
      relearn(s, o.channelCount());
    } else {
      s.mismatchRun = 0;
      if (isOpen(s, Kind.CHANNEL_COUNT_CHANGE)) {
        alerts.add(
            resolve(
                s,
                o.stream(),
                ts,
                Kind.CHANNEL_COUNT_CHANGE,
                s.channels,
                s.channels,
                "records have " + s.channels + " channels"));
      }
    }

    boolean finite = o.allFinite();
    long mask = settings.nanBurstWindow() == 64 ? -1L : (1L << settings.nanBurstWindow()) - 1;
    s.nonFiniteBits = ((s.nonFiniteBits << 1) | (finite ? 0 : 1)) & mask;
    int nonFinite = Long.bitCount(s.nonFiniteBits);
    if (nonFinite >= settings.nanBurstThreshold() && !isOpen(s, Kind.NAN_BURST)) {
      Severity severity =
          nonFinite >= 2 * settings.nanBurstThreshold() ? Severity.CRITICAL : Severity.WARNING;
      alerts.add(
          open(
              s,
              o.stream(),
              ts,
              Kind.NAN_BURST,
              severity,
              nonFinite,
              settings.nanBurstThreshold(),
              nonFinite
                  + " of the last "
                  + settings.nanBurstWindow()
                  + " records had non-finite values"));
    } else if (nonFinite == 0 && isOpen(s, Kind.NAN_BURST)) {
      alerts.add(
          resolve(
              s,
              o.stream(),
              ts,
              Kind.NAN_BURST,
              0,
              settings.nanBurstThreshold(),
              "the last " + settings.nanBurstWindow() + " records were all finite"));
    }
    if (!finite) {
      return new Outcome(
          DeadLetterReason.NON_FINITE_VALUE, "values hold NaN, Infinity or null", alerts);
    }

    trackInterval(s, o, alerts);
    trackFlatLine(s, o, alerts);
    return new Outcome(null, null, alerts);
  }

  /** Adopts {@code channels} as the stream's count; per-channel history no longer applies. */
  private static void relearn(QualityState s, int channels) {
    s.channels = channels;
    s.mismatchRun = 0;
    s.mismatchChannels = 0;
    s.lastValues = null;
    s.flatRuns = null;
  }

  /** Called when event time reaches {@code s.gapDeadline} with no newer record: opens a gap. */
  public Alert onDeadline(QualityState s, String stream, long now) {
    if (now != s.gapDeadline || isOpen(s, Kind.GAP)) return null;
    double silentIntervals = (now - s.lastTimestamp) / s.intervalMs;
    return open(
        s,
        stream,
        now,
        Kind.GAP,
        Severity.WARNING,
        silentIntervals,
        settings.gapFactor(),
        "no record for "
            + (now - s.lastTimestamp)
            + " ms ("
            + String.format("%.1f", silentIntervals)
            + " sample intervals of "
            + String.format("%.1f", s.intervalMs)
            + " ms)");
  }

  private void trackInterval(QualityState s, Observation o, List<Alert> alerts) {
    long ts = o.timestampMillis();
    if (s.lastTimestamp != Long.MIN_VALUE) {
      long dt = ts - s.lastTimestamp;
      if (isOpen(s, Kind.GAP)) {
        alerts.add(
            resolve(
                s,
                o.stream(),
                ts,
                Kind.GAP,
                dt / s.intervalMs,
                settings.gapFactor(),
                "records resumed after " + dt + " ms"));
      }
      if (s.intervals < settings.warmupSamples()) {
        s.intervals++;
        s.intervalMs += (dt - s.intervalMs) / s.intervals;
      } else if (dt <= settings.gapFactor() * s.intervalMs) {
        s.intervalMs += INTERVAL_EMA_WEIGHT * (dt - s.intervalMs);
      }
    }
    s.lastTimestamp = ts;
    s.gapDeadline =
        s.intervals >= settings.warmupSamples() && s.intervalMs > 0
            ? ts + (long) Math.ceil(settings.gapFactor() * s.intervalMs)
            : Long.MAX_VALUE;
  }

  private void trackFlatLine(QualityState s, Observation o, List<Alert> alerts) {
    double[] v = o.values();
    if (s.flatRuns == null) s.flatRuns = new int[v.length];
    int longest = 0;
    int channel = 0;
    for (int c = 0; c < v.length; c++) {
      s.flatRuns[c] = s.lastValues != null && v[c] == s.lastValues[c] ? s.flatRuns[c] + 1 : 1;
      if (s.flatRuns[c] > longest) {
        longest = s.flatRuns[c];
        channel = c;
      }
    }
    s.lastValues = v.clone();
    if (longest >= settings.flatLineSamples() && !isOpen(s, Kind.FLAT_LINE)) {
      alerts.add(
          open(
              s,
              o.stream(),
              o.timestampMillis(),
              Kind.FLAT_LINE,
              Severity.WARNING,
              longest,
              settings.flatLineSamples(),
              "channel " + channel + " repeated " + v[channel] + " for " + longest + " samples"));
    } else if (longest < settings.flatLineSamples() && isOpen(s, Kind.FLAT_LINE)) {
      alerts.add(
          resolve(
              s,
              o.stream(),
              o.timestampMillis(),
              Kind.FLAT_LINE,
              longest,
              settings.flatLineSamples(),
              "every channel is moving again"));
    }
  }

  private static boolean isOpen(QualityState s, Kind kind) {
    return (s.openKinds & (1 << kind.ordinal())) != 0;
  }

  private static Alert open(
      QualityState s,
      String stream,
      long ts,
      Kind kind,
      Severity severity,
      double score,
      double threshold,
      String details) {
    s.openKinds |= 1 << kind.ordinal();
    s.openedAt[kind.ordinal()] = ts;
    return new Alert(stream, ts, kind, severity, score, threshold, State.OPEN, details);
  }

  private static Alert resolve(
      QualityState s,
      String stream,
      long ts,
      Kind kind,
      double score,
      double threshold,
      String details) {
    s.openKinds &= ~(1 << kind.ordinal());
    long openFor = ts - s.openedAt[kind.ordinal()];
    return new Alert(
        stream,
        ts,
        kind,
        Severity.INFO,
        score,
        threshold,
        State.RESOLVED,
        details + "; was open for " + openFor + " ms");
  }
}
