package io.chaoscast.jobs.promotion;

import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import io.chaoscast.jobs.routing.Router;
import io.chaoscast.jobs.state.StreamStateTtl;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies the switches read back from the promotions topic: a stream's forecast requests carry the
 * route of its latest switch (champion and challenger), which batch inference then follows instead
 * of the configured rules. A stream with no switch passes unchanged.
 *
 * <p>A route restored from a checkpoint may name a model that the job, configured anew, no longer
 * serves; the stream then goes by the rules again (a switch read from the topic was checked when
 * parsed).
 *
 * <p>State per stream: the route of its latest switch, expired by TTL with the stream. Metric:
 * {@code model_switches_applied} counts the switches read back.
 */
public final class RouteOverrides
    extends KeyedCoProcessFunction<String, ForecastRequest, ModelSwitch, ForecastRequest> {

  private static final long serialVersionUID = 1L;

  private final Duration stateTtl;
  private final Set<String> served;
  private transient ValueState<Router.Route> route;
  private transient Counter applied;

  /**
   * @param served the names of the models the job serves
   */
  public RouteOverrides(Duration stateTtl, Set<String> served) {
    this.stateTtl = stateTtl;
    this.served = Set.copyOf(served);
  }

  @Override
  public void open(OpenContext openContext) {
    var descriptor = new ValueStateDescriptor<>("promoted-route", Router.Route.class);
    descriptor.enableTimeToLive(StreamStateTtl.incremental(stateTtl));
    route = getRuntimeContext().getState(descriptor);
    applied =
        JobMetricGroups.of(getRuntimeContext().getMetricGroup()).counter("model_switches_applied");
  }

  @Override
  public void processElement1(ForecastRequest request, Context ctx, Collector<ForecastRequest> out)
      throws Exception {
    Router.Route r = route.value();
    boolean usable =
        r != null
            && served.contains(r.model())
            && (r.challenger() == null || served.contains(r.challenger()));
    out.collect(usable ? request.withRoute(r) : request);
  }

  @Override
  public void processElement2(ModelSwitch change, Context ctx, Collector<ForecastRequest> out)
      throws Exception {
    route.update(new Router.Route(change.champion(), change.challenger()));
    applied.inc();
  }
}
