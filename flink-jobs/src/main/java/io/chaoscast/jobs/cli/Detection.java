package io.chaoscast.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.quality.QualityReplay;
import io.chaoscast.models.cli.CsvSeries;
import io.chaoscast.models.cli.DetectCommand;
import io.chaoscast.models.cli.DetectResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ./forecaster detect} finds in a recorded stream, in the job's order: the data-quality
 * stage over every record ({@link QualityReplay}), then the drift monitor ({@link DetectCommand})
 * over the records that stage accepts, as the job passes only those on.
 *
 * @param drift the drift monitor's alerts; its sample indices count all records of the file
 * @param quality the data-quality alert events and which records were accepted
 */
record Detection(DetectResult drift, QualityReplay.Result quality) {

  static Detection run(CsvSeries series, String stream, JobConfig job) {
    double[] times = series.times();
    long[] millis = new long[times.length];
    for (int i = 0; i < times.length; i++) {
      millis[i] = Math.round(times[i] * 1000);
      if (i > 0 && times[i] < times[i - 1]) {
        // The job puts a stream in event-time order (and dead-letters what comes too late); a
        // file out of order is more likely a mistake than a late record.
        throw new IllegalArgumentException(
            "row "
                + (i + 1)
                + " of the series (time "
                + times[i]
                + " s) is before the row above it ("
                + times[i - 1]
                + " s): detect needs rows in time order");
      }
    }
    QualityReplay.Result quality =
        QualityReplay.run(job.quality(), stream, millis, series.values());
    int[] original = quality.acceptedIndices();
    double[] keptTimes = new double[original.length];
    double[][] keptValues = new double[original.length][];
    for (int k = 0; k < original.length; k++) {
      keptTimes[k] = times[original[k]];
      keptValues[k] = series.values()[original[k]];
    }
    DetectResult d =
        DetectCommand.detect(
            new CsvSeries(series.channelNames(), keptTimes, keptValues),
            stream,
            job.drift().monitorConfig());
    DetectResult drift =
        new DetectResult(
            d.stream(),
            times.length,
            d.channels(),
            d.warmupEndSeconds(),
            d.monitoredFromSample() < 0 ? -1 : original[d.monitoredFromSample()],
            d.alerts());
    return new Detection(drift, quality);
  }

  String toJson() {
    Map<String, Object> m = new LinkedHashMap<>(drift.toJsonMap());
    m.put("rejected_records", quality.rejected());
    List<Object> events = new ArrayList<>();
    for (Alert a : quality.alerts()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("kind", a.kind().name());
      j.put("state", a.state().name());
      j.put("severity", a.severity().name());
      j.put("time_seconds", a.timeMillis() / 1000.0);
      j.put("score", a.score());
      j.put("threshold", a.threshold());
      j.put("details", a.details());
      events.add(j);
    }
    m.put("data_quality", events);
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  String toText() {
    StringBuilder sb = new StringBuilder(drift.toText());
    sb.append(
        String.format(
            Locale.ROOT,
            "data quality: %d records rejected (not monitored), %d events%n",
            quality.rejected(),
            quality.alerts().size()));
    for (Alert a : quality.alerts()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-20s %-8s %-8s at %.6g s: %s%n",
              a.kind(),
              a.state(),
              a.severity(),
              a.timeMillis() / 1000.0,
              a.details()));
    }
    return sb.toString();
  }
}
