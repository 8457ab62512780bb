package io.chaoscast.jobs.quality;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.config.JobConfig.QualitySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The job's data-quality stage ({@link DataQualityMonitor}, the same rules and settings) over one
 * recorded stream in time order, for {@code ./forecaster detect}: which records the job would
 * accept (and pass on to the forecast and drift stages) and the data-quality alerts it would raise.
 *
 * <p>One difference, from the clock: in the job a {@code GAP} opens when event time, which all
 * streams drive, passes the stream's deadline before its next record; a recorded stream has no
 * other clock, so here a gap opens (at its deadline) when the next record comes after it, and that
 * record resolves it. The job raises the same gap only if some other stream's records move event
 * time past the deadline first.
 */
public final class QualityReplay {

  /**
   * @param alerts data-quality alert events in time order
   * @param accepted for each record, whether the job would pass it on (rejected ones go to the
   *     dead-letter topic: non-finite values, a channel count not yet re-learned)
   */
  public record Result(List<Alert> alerts, boolean[] accepted) {

    /** Indices of the accepted records, in order: what the job passes to the drift monitor. */
    public int[] acceptedIndices() {
      return IntStream.range(0, accepted.length).filter(i -> accepted[i]).toArray();
    }

    public int rejected() {
      return accepted.length - acceptedIndices().length;
    }
  }

  private QualityReplay() {}

  /**
   * @param timesMillis event times, non-decreasing
   * @param values one row per record
   */
  public static Result run(
      QualitySettings settings, String stream, long[] timesMillis, double[][] values) {
    if (timesMillis.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length");
    }
    DataQualityMonitor monitor = new DataQualityMonitor(settings);
    QualityState state = new QualityState();
    List<Alert> alerts = new ArrayList<>();
    boolean[] accepted = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      if (state.gapDeadline < timesMillis[i]) {
        Alert gap = monitor.onDeadline(state, stream, state.gapDeadline);
        if (gap != null) alerts.add(gap);
      }
      DataQualityMonitor.Outcome outcome =
          monitor.observe(state, new Observation(stream, timesMillis[i], values[i], null, null));
      alerts.addAll(outcome.alerts());
      accepted[i] = outcome.accepted();
    }
    return new Result(alerts, accepted);
  }
}
