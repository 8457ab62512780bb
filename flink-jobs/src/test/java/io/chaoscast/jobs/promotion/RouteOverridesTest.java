package io.chaoscast.jobs.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.routing.Router;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteOverridesTest {

  private static ForecastRequest request(String stream, long at) {
    return new ForecastRequest(stream, at, 10, null, new double[][] {{1}}, -1, null);
  }

  private static ModelSwitch change(String stream, String champion, String challenger) {
    return new ModelSwitch(
        stream, 0, ModelSwitch.Kind.PROMOTED, champion, challenger, null, null, null);
  }

  private static List<Router.Route> routes(
      KeyedTwoInputStreamOperatorTestHarness<String, ForecastRequest, ModelSwitch, ForecastRequest>
          harness) {
    return harness.extractOutputValues().stream().map(ForecastRequest::route).toList();
  }

  @Test
  void shouldRouteAStreamByItsLatestSwitchAndLeaveOthersToTheRules() throws Exception {
    try (var harness = harness(Set.of("nvar", "persistence", "lorenz"))) {
      harness.processElement1(new StreamRecord<>(request("a", 1)));
      harness.processElement2(new StreamRecord<>(change("a", "lorenz", "nvar")));
      harness.processElement1(new StreamRecord<>(request("a", 2)));
      harness.processElement1(new StreamRecord<>(request("b", 2)));
      harness.processElement2(new StreamRecord<>(change("a", "nvar", "lorenz")));
      harness.processElement1(new StreamRecord<>(request("a", 3)));

      assertThat(routes(harness))
          .containsExactly(
              null, new Router.Route("lorenz", "nvar"), null, new Router.Route("nvar", "lorenz"));
    }
  }

  @Test
  void shouldFallBackToTheRulesWhenTheSwitchNamesAModelNoLongerServed() throws Exception {
    // as after a restore into a job configured without that model
    try (var harness = harness(Set.of("nvar", "persistence"))) {
      harness.processElement2(new StreamRecord<>(change("a", "lorenz", "nvar")));
      harness.processElement2(new StreamRecord<>(change("b", "nvar", "lorenz")));
      harness.processElement1(new StreamRecord<>(request("a", 1)));
      harness.processElement1(new StreamRecord<>(request("b", 1)));

      assertThat(routes(harness)).containsExactly(null, null);
    }
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, ForecastRequest, ModelSwitch, ForecastRequest>
      harness(Set<String> served) throws Exception {
    var harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new RouteOverrides(Duration.ofHours(1), served)),
            ForecastRequest::stream,
            ModelSwitch::stream,
            Types.STRING);
    harness.open();
    return harness;
  }
}
