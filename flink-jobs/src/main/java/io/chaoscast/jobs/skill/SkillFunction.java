package io.chaoscast.jobs.skill;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.jobs.forecast.StreamWindow;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Online skill: joins every forecast with the actuals that arrive after it. Forecasts wait in
 * keyed state until event time passes their last step (plus half a sample interval); the stream's
 * recent samples are kept in a ring, so it does not matter whether a forecast or the first of its
 * actuals reaches this operator first. A step's actual is the sample within half an interval of
 * {@code issued_at + (k + 1) * interval}.
 *
 * <p>State per stream: the pending forecasts (removed when scored), a ring of the last {@code
 * 2 * horizon + everySamples + 8} samples and the running scale, expired by TTL with the stream.
 */
public final class SkillFunction extends KeyedCoProcessFunction<String, Forecast, Observation, ForecastSkill> {

  private static final long serialVersionUID = 1L;

  private final int ringCapacity;
  private final Duration stateTtl;
  private transient MapState<Long, Forecast> pending;
  private transient ValueState<StreamWindow> recent;
  private transient ValueState<RunningScale> scale;
  private transient Histogram smapeHistogram;
  private transient Histogram vptHistogram;

  public SkillFunction(int horizonSteps, int everySamples, Duration stateTtl) {
    this.ringCapacity = 2 * horizonSteps + everySamples + 8;
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    var ttl = StateTtlConfig.newBuilder(stateTtl).build();
    var pendingDescriptor = new MapStateDescriptor<>("pending-forecasts", Types.LONG, TypeInformation.of(Forecast.class));
    pendingDescriptor.enableTimeToLive(ttl);
    pending = getRuntimeContext().getMapState(pendingDescriptor);
    var recentDescriptor = new ValueStateDescriptor<>("recent-samples", StreamWindow.class);
    recentDescriptor.enableTimeToLive(ttl);
    recent = getRuntimeContext().getState(recentDescriptor);
    var scaleDescriptor = new ValueStateDescriptor<>("running-scale", RunningScale.class);
    scaleDescriptor.enableTimeToLive(ttl);
    scale = getRuntimeContext().getState(scaleDescriptor);
    var group = JobMetricGroups.of(getRuntimeContext().getMetricGroup());
    smapeHistogram = group.histogram("skill_smape", new DescriptiveStatisticsHistogram(10_000));
    vptHistogram = group.histogram("skill_vpt_steps", new DescriptiveStatisticsHistogram(10_000));
  }

  @Override
  public void processElement1(Forecast forecast, Context ctx, Collector<ForecastSkill> out) throws Exception {
    pending.put(forecast.issuedAtMillis(), forecast);
    ctx.timerService().registerEventTimeTimer(deadline(forecast));
  }

  @Override
  public void processElement2(Observation o, Context ctx, Collector<ForecastSkill> out) throws Exception {
    StreamWindow ring = recent.value();
    if (ring == null || ring.channels != o.channelCount()) ring = StreamWindow.create(ringCapacity, o.channelCount());
    ring.append(o.timestampMillis(), o.values());
    recent.update(ring);
    RunningScale s = scale.value();
    if (s == null) s = new RunningScale();
    s.update(o.values());
    scale.update(s);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastSkill> out) throws Exception {
    StreamWindow ring = recent.value();
    RunningScale s = scale.value();
    List<Long> done = new ArrayList<>();
    for (var entry : pending.entries()) {
      Forecast f = entry.getValue();
      if (deadline(f) > timestamp) continue;
      done.add(entry.getKey());
      if (ring == null || s == null || f.values()[0].length != ring.channels) continue;
      ForecastSkill skill = SkillScorer.score(f, actuals(f, ring), s);
      if (skill != null) {
        out.collect(skill);
        smapeHistogram.update(Math.round(skill.smape()));
        vptHistogram.update(skill.vptSteps());
      }
    }
    for (Long key : done) pending.remove(key);
  }

  private static long deadline(Forecast f) {
    return f.issuedAtMillis() + (long) Math.ceil((f.horizonSteps() + 0.5) * f.sampleIntervalMillis());
  }

  /** Row k: the ring's sample within half an interval of step k's time, or null. */
  private static double[][] actuals(Forecast f, StreamWindow ring) {
    double[][] context = ring.context();
    long[] times = ring.timestampsOldestFirst();
    double dt = f.sampleIntervalMillis();
    double[][] actuals = new double[f.horizonSteps()][];
    int i = 0;
    for (int k = 0; k < actuals.length; k++) {
      double due = f.issuedAtMillis() + (k + 1) * dt;
      while (i < times.length && times[i] < due - dt / 2) i++;
      if (i < times.length && times[i] <= due + dt / 2) actuals[k] = context[i];
    }
    return actuals;
  }
}
