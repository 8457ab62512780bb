package io.chaoscast.loadtest.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.loadtest.LoadProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Everything besides the job and the rate that shapes a capacity unit's result. Units measured
 * under different settings are not comparable, so one results directory holds units of one settings
 * only. (The rates and models may differ between runs into one directory: a rerun can add a rate or
 * a model.)
 *
 * @param duration how long each unit offers load ({@link Duration#toString()}, e.g. {@code PT5M})
 * @param profile the load profile's name; only {@code uniform} can be scaled to a rate
 * @param channels channels per stream
 * @param ratePerStreamHz samples per second of each stream; a rate of R events/s is offered by R /
 *     ratePerStreamHz streams
 * @param badFraction fraction of records sent malformed
 * @param delivery {@code at_least_once} or {@code exactly_once}
 * @param parallelism both jobs' parallelism
 * @param ordering the forecasting job's event-time ordering
 * @param maxOutOfOrdernessMs the forecasting job's watermark bound
 * @param networkBufferTimeoutMs both jobs' network buffer timeout
 * @param drift whether the forecasting job runs its drift monitor
 * @param p99BoundMs the latency bound a unit's p99 must meet to hold its rate
 */
public record CapacitySettings(
    String duration,
    String profile,
    int channels,
    double ratePerStreamHz,
    double badFraction,
    String delivery,
    int parallelism,
    String ordering,
    long maxOutOfOrdernessMs,
    long networkBufferTimeoutMs,
    boolean drift,
    double p99BoundMs) {

  public CapacitySettings {
    if (!profile.equals("uniform")) {
      throw new IllegalArgumentException(
          "the capacity search scales the uniform profile (--streams derived from each rate);"
              + " --profile "
              + profile
              + " has a fixed rate per stream that a rate ladder cannot be built from");
    }
    if (!(p99BoundMs > 0)) {
      throw new IllegalArgumentException("the p99 bound must be > 0 ms, not " + p99BoundMs);
    }
    Duration.parse(duration);
  }

  public Duration durationValue() {
    return Duration.parse(duration);
  }

  /** Streams offering {@code rate} events/s; the rate must be a whole number of streams. */
  public int streamsAt(long rate) {
    double streams = rate / ratePerStreamHz;
    if (rate <= 0 || streams != Math.rint(streams) || streams > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "rate %d events/s is not a whole number of streams at %s Hz per stream (--rate):"
                  + " give rates that are multiples of it",
              rate,
              trim(ratePerStreamHz)));
    }
    return (int) streams;
  }

  /** The load that offers {@code rate} events/s. */
  public LoadProfile profileAt(long rate) {
    return LoadProfile.uniform(streamsAt(rate), channels, ratePerStreamHz, badFraction);
  }

  /** One line for reports. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "uniform profile, %d channel(s) per stream at %s Hz (streams = rate / %s), %.1f%% malformed;"
            + " %s per unit; %s delivery, parallelism %d, %s ordering, watermark bound %d ms,"
            + " network buffer timeout %d ms, drift monitor %s; p99 bound %s ms",
        channels,
        trim(ratePerStreamHz),
        trim(ratePerStreamHz),
        100 * badFraction,
        duration,
        delivery,
        parallelism,
        ordering,
        maxOutOfOrdernessMs,
        networkBufferTimeoutMs,
        drift ? "on" : "off",
        trim(p99BoundMs));
  }

  /** The settings that differ, as {@code name: theirs here, ours there} phrases. */
  public List<String> differences(CapacitySettings other) {
    JsonNode mine = Json.mapper().valueToTree(this);
    JsonNode theirs = Json.mapper().valueToTree(other);
    List<String> out = new ArrayList<>();
    for (Iterator<String> names = mine.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!mine.get(name).equals(theirs.get(name))) {
        out.add(name + " " + theirs.get(name) + " there, " + mine.get(name) + " now");
      }
    }
    return out;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
