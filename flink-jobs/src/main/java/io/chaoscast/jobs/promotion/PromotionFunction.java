package io.chaoscast.jobs.promotion;

import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.jobs.config.JobConfig.PromotionSettings;
import io.chaoscast.jobs.config.JobConfig.RouteRule;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.routing.Router;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per stream, which model serves it ({@link PromotionRule}) from the scored forecasts of
 * champion and challenger, and emits every switch with its evidence. A stream starts from its
 * configured route (the first matching rule, else the default model).
 *
 * <p>State per stream: one {@link PromotionState}, expired by TTL with the stream (a stream that
 * comes back starts from its configured route again). Metrics: {@code model_promotions} and {@code
 * model_demotions} count the switches; the gauges {@code model_switch_replaced_vpt_steps}, {@code
 * model_switch_chosen_vpt_steps} and {@code model_switch_scored} hold the evidence of this
 * subtask's latest switch.
 */
public final class PromotionFunction
    extends KeyedProcessFunction<String, ForecastSkill, ModelSwitch> {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(PromotionFunction.class);

  private final PromotionRule rule;
  private final List<RouteRule> routing;
  private final String defaultModel;
  private final Duration stateTtl;
  private transient Router router;
  private transient ValueState<PromotionState> state;
  private transient Counter promotions;
  private transient Counter demotions;
  private transient volatile ModelSwitch latest;

  public PromotionFunction(
      PromotionSettings settings, List<RouteRule> routing, String defaultModel, Duration stateTtl) {
    this.rule = new PromotionRule(settings, defaultModel);
    this.routing = List.copyOf(routing);
    this.defaultModel = defaultModel;
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    router = new Router(routing, defaultModel);
    var descriptor = new ValueStateDescriptor<>("promotion", PromotionState.class);
    descriptor.enableTimeToLive(StreamStateTtl.incremental(stateTtl));
    state = getRuntimeContext().getState(descriptor);
    var group = JobMetricGroups.of(getRuntimeContext().getMetricGroup());
    promotions = group.counter("model_promotions");
    demotions = group.counter("model_demotions");
    group.gauge("model_switch_replaced_vpt_steps", () -> evidence(true, false));
    group.gauge("model_switch_chosen_vpt_steps", () -> evidence(false, false));
    group.gauge("model_switch_scored", () -> evidence(true, true));
  }

  @Override
  public void processElement(ForecastSkill score, Context ctx, Collector<ModelSwitch> out)
      throws Exception {
    PromotionState s = state.value();
    if (s == null) {
      Router.Route route = router.route(score.stream());
      s = PromotionState.of(route.model(), route.challenger());
    }
    ModelSwitch decided = rule.apply(s, score);
    state.update(s);
    if (decided == null) return;
    (decided.kind() == ModelSwitch.Kind.PROMOTED ? promotions : demotions).inc();
    latest = decided;
    LOG.info("stream {}: {}", decided.stream(), decided.reason());
    out.collect(decided);
  }

  private double evidence(boolean replaced, boolean scored) {
    ModelSwitch m = latest;
    if (m == null) return 0;
    ModelSwitch.Skill skill = replaced ? m.replaced() : m.chosen();
    return scored ? skill.scored() : skill.vptSteps();
  }
}
