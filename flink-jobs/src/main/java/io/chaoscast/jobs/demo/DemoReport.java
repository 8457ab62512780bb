package io.chaoscast.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.kafka.TopicSnapshot;
import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.synthetic.SignalSource;
import io.chaoscast.connectors.synthetic.SyntheticStreams;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.trainer.OfflineReference;
import io.chaoscast.models.catalog.SystemCatalog;
import io.chaoscast.models.signal.Stats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.util.FileUtils;

/**
 * The demo's per-stream report of the self-tuning loop, read back from the run's topics after it
 * ({@link StreamScorecard}), with, on request, what the promoted model class reaches offline on the
 * same kind of stream: the trainer's own fit on {@code fitSamples} samples of fresh series of the
 * same generator (other seeds), scored over the following {@link #OFFLINE_TEST_SAMPLES} ({@link
 * OfflineReference}). Issue 17's bar per stream: forecast from its first full window, a trained
 * challenger promoted and serving, and its live skill at least {@link #LIVE_SHARE} of the offline
 * one.
 */
final class DemoReport {

  /** Fresh series per model class and kind of stream for the offline reference. */
  static final int OFFLINE_SERIES = 3;

  static final int OFFLINE_TEST_SAMPLES = 3000;

  /** Live skill at least this share of the offline one (issue 17). */
  static final double LIVE_SHARE = 0.8;

  /** Seeds of the offline series; the demo's own streams use 42. */
  private static final long FIRST_OFFLINE_SEED = 1001;

  /**
   * The offline reference of a model class on one kind of stream.
   *
   * @param vptSteps mean over the series of each series' mean valid prediction time, steps
   * @param sdSteps their standard deviation over the series
   */
  record Offline(String type, int series, double vptSteps, double sdSteps) {}

  /**
   * One stream's outcome, as written to the summary.
   *
   * @param lyapunovTimeSamples samples per Lyapunov time of the stream's system (NaN when unknown)
   * @param offline the reference for the model class serving at the end, or null when not asked for
   *     or nothing was promoted
   * @param liveShare the promoted model's live skill over the offline one (NaN without both)
   * @param met every part of issue 17's bar for this stream
   */
  record StreamOutcome(
      StreamScorecard.Row scorecard,
      String system,
      double lyapunovTimeSamples,
      int contextLength,
      Offline offline,
      double liveShare,
      boolean met) {}

  private final Properties client;
  private final JobConfig config;
  private final Map<String, SignalSource> streams;
  private final double rateHz;
  private final int fitSamples;
  private final PrintStream log;
  private final Map<String, Integer> unreadable = new LinkedHashMap<>();

  /**
   * @param streams the demo's streams, as generated ({@link SyntheticStreams#demoMix})
   * @param fitSamples samples the trainer fits on (its history less its held-out part)
   * @param log where skipped records and the offline fits are announced
   */
  DemoReport(
      Properties client,
      JobConfig config,
      Map<String, SignalSource> streams,
      double rateHz,
      int fitSamples,
      PrintStream log) {
    this.client = client;
    this.config = config;
    this.streams = streams;
    this.rateHz = rateHz;
    this.fitSamples = fitSamples;
    this.log = log;
  }

  /**
   * @param firstSampleMillis event time of every stream's first sample
   * @param withOffline also fit the offline references (a few seconds per model class and kind of
   *     stream)
   */
  List<StreamOutcome> outcomes(long firstSampleMillis, boolean withOffline) {
    var topics = config.topics();
    Map<String, Long> first = new LinkedHashMap<>();
    streams.keySet().forEach(s -> first.put(s, firstSampleMillis));
    List<StreamScorecard.Row> rows =
        StreamScorecard.rows(
            first,
            1000.0 / rateHz,
            read(topics.forecasts(), Forecast.class),
            read(topics.skill(), ForecastSkill.class),
            read(topics.promotions(), ModelSwitch.class),
            announcedPerStream(topics.models()));
    Map<String, Offline> offline = new HashMap<>();
    List<StreamOutcome> outcomes = new ArrayList<>();
    int index = 0;
    for (var row : rows) {
      int streamIndex = index++;
      String kind = kindOf(row.stream());
      Offline reference = null;
      if (withOffline && row.after() != null && row.after().type() != null) {
        String type = row.after().type();
        reference =
            offline.computeIfAbsent(
                kind + "/" + type,
                k -> {
                  log.printf(Locale.ROOT, "report: offline %s on %s series ...%n", type, kind);
                  return offline(type, streamIndex);
                });
      }
      double share = reference == null ? Double.NaN : row.after().vptSteps() / reference.vptSteps();
      boolean met =
          row.firstForecastSample() == config.forecast().contextLength()
              && row.announced() > 0
              && row.after() != null
              && row.after().type() != null
              && share >= LIVE_SHARE;
      outcomes.add(
          new StreamOutcome(
              row,
              systemOf(streams.get(row.stream())),
              lyapunovTimeSamples(streams.get(row.stream())),
              config.forecast().contextLength(),
              reference,
              share,
              met));
    }
    return outcomes;
  }

  /**
   * The offline reference of {@code type} on fresh series of the demo's stream at {@code index}.
   */
  private Offline offline(String type, int index) {
    double[] perSeries = new double[OFFLINE_SERIES];
    for (int k = 0; k < OFFLINE_SERIES; k++) {
      SignalSource source =
          new ArrayList<>(SyntheticStreams.demoMix(index + 1, FIRST_OFFLINE_SEED + k).values())
              .get(index);
      double[][] samples = new double[fitSamples + OFFLINE_TEST_SAMPLES][];
      for (int i = 0; i < samples.length; i++) samples[i] = source.next();
      Path dir = null;
      try {
        dir = Files.createTempDirectory("chaoscast-offline-reference");
        perSeries[k] =
            OfflineReference.evaluate(
                    type,
                    samples,
                    1.0 / rateHz,
                    fitSamples,
                    config.forecast().contextLength(),
                    config.forecast().horizonSteps(),
                    dir)
                .vptSteps();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (dir != null) FileUtils.deleteDirectoryQuietly(dir.toFile());
      }
    }
    return new Offline(type, OFFLINE_SERIES, Stats.mean(perSeries), Stats.std(perSeries));
  }

  private <T> List<T> read(String topic, Class<T> type) {
    if (topic == null) return List.of();
    return parse(topic, r -> Json.mapper().readValue(r, type));
  }

  /** Versions announced per stream: the trainer's announcements name their stream. */
  private Map<String, Integer> announcedPerStream(String topic) {
    Map<String, Integer> counts = new HashMap<>();
    if (topic == null) return counts;
    for (JsonNode a : parse(topic, r -> Json.mapper().readTree(r))) {
      if (a.hasNonNull("stream")) counts.merge(a.get("stream").asText(), 1, Integer::sum);
    }
    return counts;
  }

  interface Parser<T> {
    T parse(byte[] value) throws IOException;
  }

  private <T> List<T> parse(String topic, Parser<T> parser) {
    List<byte[]> values = new ArrayList<>();
    for (var r : TopicSnapshot.read(client, topic)) values.add(r.value());
    Readable<T> readable = readable(values, parser);
    if (readable.skipped() > 0) {
      unreadable.merge(topic, readable.skipped(), Integer::sum);
      log.printf(
          Locale.ROOT,
          "report: skipped %d unreadable record(s) on %s (first: %s)%n",
          readable.skipped(),
          topic,
          readable.firstReason());
    }
    return readable.values();
  }

  /**
   * The records a parser can read, and how many it could not. A topic another producer also writes
   * to may hold records the report cannot read (empty, truncated, another schema): they cost only
   * themselves, never the report.
   *
   * @param firstReason the first failure's message, or null when all were read
   */
  record Readable<T>(List<T> values, int skipped, String firstReason) {}

  static <T> Readable<T> readable(List<byte[]> values, Parser<T> parser) {
    List<T> out = new ArrayList<>();
    int skipped = 0;
    String firstReason = null;
    for (byte[] value : values) {
      try {
        if (value == null) throw new IOException("no value (tombstone)");
        T parsed = parser.parse(value);
        if (parsed == null) throw new IOException("empty value");
        out.add(parsed);
      } catch (IOException | RuntimeException e) {
        skipped++;
        if (firstReason == null) firstReason = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    return new Readable<>(out, skipped, firstReason);
  }

  /** {@code lorenz63-0} is a {@code lorenz63} stream. */
  private static String kindOf(String stream) {
    int dash = stream.lastIndexOf('-');
    return dash < 0 ? stream : stream.substring(0, dash);
  }

  private static String systemOf(SignalSource s) {
    return s instanceof FlowSignal f ? f.flow().name() : "jansen_rit (EEG-like)";
  }

  /** Samples per Lyapunov time of a flow with a catalogue value; NaN otherwise. */
  private static double lyapunovTimeSamples(SignalSource s) {
    if (!(s instanceof FlowSignal f)) return Double.NaN;
    return SystemCatalog.standard()
        .find(f.flow().name())
        .map(e -> e.reference().lyapunovTime() / f.timePerSample())
        .orElse(Double.NaN);
  }

  /** The report file: what was run, the definitions, the table and the verdict. */
  String document(List<StreamOutcome> outcomes, String table, String run) {
    long met = outcomes.stream().filter(StreamOutcome::met).count();
    var f = config.forecast();
    return String.format(
        Locale.ROOT,
        """
        # Demo: the self-tuning loop per stream

        %s

        Forecasts: context %d samples, horizon %d steps, one every %d samples; %.0f Hz per stream.
        Live VPT: mean valid prediction time, in steps, of the forecasts the job published (the skill
        topic's champion role), before the stream's first promotion, and by the model serving at the
        end since its last promotion. Offline: the same model class fitted by the trainer's own code on
        the first %d samples of %d fresh series of the same generator (seeds %d-%d), scored by the
        trainer's held-out protocol over the next %d samples; the spread is the SD over the series.
        One Lyapunov time (LT) in samples converts steps to LT for the flows.
        The bar (issue 17): first forecast from the first full window (sample = context), at least one
        trained version, a trained model serving at the end after a promotion, live at least %.0f%% of
        offline.

        %s
        %d of %d streams meet the bar.%s
        """,
        run,
        f.contextLength(),
        f.horizonSteps(),
        f.everySamples(),
        rateHz,
        fitSamples,
        OFFLINE_SERIES,
        FIRST_OFFLINE_SEED,
        FIRST_OFFLINE_SEED + OFFLINE_SERIES - 1,
        OFFLINE_TEST_SAMPLES,
        100 * LIVE_SHARE,
        table,
        met,
        outcomes.size(),
        unreadable.isEmpty()
            ? ""
            : "\nUnreadable records skipped (not counted above): " + unreadable + ".");
  }

  /**
   * The report as a Markdown table with the bar per stream ("-" where the offline reference was not
   * computed: without it the bar cannot be judged).
   */
  static String markdown(List<StreamOutcome> outcomes) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| stream | system | 1 LT (samples) | first forecast at sample (context) | trained versions |"
            + " promoted / demoted | last promotion (s) | serving at end | live VPT before (steps, n) |"
            + " live VPT after: class, steps, n | same class offline (steps, mean ± sd) |"
            + " live / offline | bar met |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---|\n");
    for (var o : outcomes) {
      var r = o.scorecard();
      var after = r.after();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d (%d) | %d | %d / %d | %s | %s | %s, %d | %s | %s | %s | %s |%n",
              r.stream(),
              o.system(),
              fmt(o.lyapunovTimeSamples()),
              r.firstForecastSample(),
              o.contextLength(),
              r.announced(),
              r.promotions(),
              r.demotions(),
              fmt(r.lastPromotionS()),
              r.servingAtEnd(),
              fmt(r.before().vptSteps()),
              r.before().scored(),
              after == null
                  ? "-"
                  : after.type() + ", " + fmt(after.vptSteps()) + ", " + after.scored(),
              o.offline() == null
                  ? "-"
                  : fmt(o.offline().vptSteps()) + " ± " + fmt(o.offline().sdSteps()),
              fmt(o.liveShare()),
              o.offline() == null ? "-" : o.met() ? "yes" : "no"));
    }
    return md.toString();
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
  }
}
