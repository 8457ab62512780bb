package io.chaoscast.jobs.skill;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.isolation.Failures;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Online skill: joins every forecast with the actuals that arrive after it. Forecasts wait in keyed
 * state until event time passes their last step (plus half a sample interval). Samples are kept
 * until no forecast can still need them: the two inputs come over separate channels, so either may
 * run ahead of the other, and a sample is dropped only once it is older than both the watermark (no
 * forecast yet to arrive can be issued before it) and every pending forecast. A step's actual is
 * the sample within half an interval of {@code issued_at + (k + 1) * interval}.
 *
 * <p>State per stream: pending forecasts (removed when scored), the samples they may need, and the
 * running scale, all expired by TTL with the stream. None has incremental TTL cleanup: for a map,
 * Flink's visits the whole map per state access and copies each of its entries (a JFR profile of
 * this stage, docs/bench/skill-state.txt, put most of its timers' CPU there, and every sample paid
 * for one more). Scoring removes what it no longer needs; what a stream that stops leaves behind is
 * removed by a processing-time timer once it has expired ({@link StreamStateTtl#expiryTimer}).
 */
public final class SkillFunction
    extends KeyedCoProcessFunction<String, Forecast, Observation, ForecastSkill> {

  private static final long serialVersionUID = 1L;

  public static final String CHAMPION = "champion";
  public static final String CHALLENGER = "challenger";

  private final Duration stateTtl;
  private final String role;
  private transient MapState<Long, Forecast> pending;
  private transient MapState<Long, double[]> samples;
  private transient ValueState<RunningScale> scale;
  private transient Histogram smapeHistogram;
  private transient Histogram vptHistogram;
  private transient SkillByModel vptByModel;
  private transient Counter internalErrors;
  private transient Counter nonFiniteSkill;

  /** Scores the published (champion) forecasts. */
  public SkillFunction(Duration stateTtl) {
    this(stateTtl, CHAMPION);
  }

  /**
   * @param role {@link #CHAMPION} or {@link #CHALLENGER}: the label of this instance's metrics
   */
  public SkillFunction(Duration stateTtl, String role) {
    this.stateTtl = stateTtl;
    this.role = role;
  }

  @Override
  public void open(OpenContext openContext) {
    var ownCleanup = StreamStateTtl.ownCleanup(stateTtl);
    var pendingDescriptor =
        new MapStateDescriptor<>(
            "pending-forecasts", Types.LONG, TypeInformation.of(Forecast.class));
    pendingDescriptor.enableTimeToLive(ownCleanup);
    pending = getRuntimeContext().getMapState(pendingDescriptor);
    var samplesDescriptor =
        new MapStateDescriptor<Long, double[]>(
            "samples", Types.LONG, PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
    samplesDescriptor.enableTimeToLive(ownCleanup);
    samples = getRuntimeContext().getMapState(samplesDescriptor);
    var scaleDescriptor = new ValueStateDescriptor<>("running-scale", RunningScale.class);
    scaleDescriptor.enableTimeToLive(ownCleanup);
    scale = getRuntimeContext().getState(scaleDescriptor);
    var group = JobMetricGroups.of(getRuntimeContext().getMetricGroup()).addGroup("role", role);
    smapeHistogram = group.histogram("skill_smape", new DescriptiveStatisticsHistogram(10_000));
    vptHistogram = group.histogram("skill_vpt_steps", new DescriptiveStatisticsHistogram(10_000));
    vptByModel = new SkillByModel(group);
    internalErrors = group.counter("internal_errors");
    nonFiniteSkill = group.counter("non_finite_skill");
  }

  @Override
  public void processElement1(Forecast forecast, Context ctx, Collector<ForecastSkill> out)
      throws Exception {
    pending.put(forecast.issuedAtMillis(), forecast);
    ctx.timerService().registerEventTimeTimer(deadline(forecast));
    StreamStateTtl.registerExpiryTimer(ctx.timerService(), stateTtl);
  }

  @Override
  public void processElement2(Observation o, Context ctx, Collector<ForecastSkill> out)
      throws Exception {
    // The scale takes the sample in onTimer, in event-time order: folded in here, it would hold
    // whatever samples had arrived when a timer fired, so the same input scored differently from
    // run to run, and after a restore differently from an uninterrupted run.
    samples.put(o.timestampMillis(), o.values());
    StreamStateTtl.registerExpiryTimer(ctx.timerService(), stateTtl);
  }

  /**
   * An expiry timer: the TTL hides entries older than it, and once every entry of a map is hidden
   * (the stream wrote nothing since) the map is removed. A timer of a stream still writing finds
   * entries and leaves the map to a later one. Reading the scale drops it once expired.
   */
  private void removeExpired() throws Exception {
    scale.value();
    if (!samples.entries().iterator().hasNext()) samples.clear();
    if (!pending.entries().iterator().hasNext()) pending.clear();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastSkill> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      removeExpired();
      return;
    }
    SampleTimeline byTime = SampleTimeline.of(samples.entries());
    RunningScale s = scaleThrough(timestamp, byTime);
    List<Long> done = new ArrayList<>();
    long oldestPending = Long.MAX_VALUE;
    for (var entry : pending.entries()) {
      Forecast f = entry.getValue();
      if (deadline(f) > timestamp) {
        oldestPending = Math.min(oldestPending, f.issuedAtMillis());
        continue;
      }
      done.add(entry.getKey());
      if (s == null) continue;
      ForecastSkill skill;
      try {
        double[][] actuals = actuals(f, byTime);
        if (actuals.length > 0 && actuals[0] != null && actuals[0].length != f.values()[0].length)
          continue;
        skill = SkillScorer.score(f, actuals, s, role);
      } catch (Throwable t) {
        // One forecast that cannot be scored loses its score, not the job (no source record to
        // dead-letter: forecasts are the job's own output).
        Failures.rethrowIfFatal(t);
        internalErrors.inc();
        continue;
      }
      if (skill != null && !Double.isFinite(skill.smape())) {
        nonFiniteSkill.inc(); // values near the double range overflow the scale: not publishable
        continue;
      }
      if (skill != null) {
        out.collect(skill);
        smapeHistogram.update(Math.round(skill.smape()));
        vptHistogram.update(skill.vptSteps());
        vptByModel.update(skill.model(), skill.vptSteps());
      }
    }
    for (Long key : done) pending.remove(key);
    long keepAfter = Math.min(ctx.timerService().currentWatermark(), oldestPending);
    // Samples about to be dropped join the scale first. Every forecast still to be scored is
    // issued after keepAfter (a pending one by its definition, one yet to arrive because the
    // watermark has not passed it), so its scale still holds exactly the samples up to its time.
    scaleThrough(keepAfter, byTime);
    for (int i = 0, end = byTime.firstAfter(keepAfter); i < end; i++)
      samples.remove(byTime.time(i));
  }

  /**
   * The running scale over every sample up to {@code timestamp}, in event-time order: a function of
   * the input alone, however far either input ran ahead. Null before the first sample.
   */
  private RunningScale scaleThrough(long timestamp, SampleTimeline byTime) throws Exception {
    RunningScale s = scale.value();
    long from = s == null ? Long.MIN_VALUE : s.scaledThroughMillis;
    if (timestamp <= from) return s; // a pending forecast older than the last timer keeps samples
    int first = byTime.firstAfter(from);
    int end = byTime.firstAfter(timestamp);
    if (first >= end) return s;
    if (s == null) s = new RunningScale();
    for (int i = first; i < end; i++) s.update(byTime.values(i));
    s.scaledThroughMillis = byTime.time(end - 1);
    scale.update(s);
    return s;
  }

  private static long deadline(Forecast f) {
    return f.issuedAtMillis()
        + (long) Math.ceil((f.horizonSteps() + 0.5) * f.sampleIntervalMillis());
  }

  /** Row k: the sample nearest step k's time if within half an interval of it, else null. */
  private static double[][] actuals(Forecast f, SampleTimeline byTime) {
    double dt = f.sampleIntervalMillis();
    double[][] actuals = new double[f.horizonSteps()][];
    for (int k = 0; k < actuals.length; k++) {
      double due = f.issuedAtMillis() + (k + 1) * dt;
      actuals[k] =
          byTime.nearest((long) Math.ceil(due - dt / 2), (long) Math.floor(due + dt / 2), due);
    }
    return actuals;
  }
}
