package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.config.JobConfig.RouteRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengerSlotsTest {

  private static JobConfig config(List<ModelEntry> models, List<RouteRule> routing) {
    JobConfig d = JobConfig.defaults();
    return new JobConfig(
        d.kafka(),
        d.topics(),
        d.delivery(),
        d.checkpointIntervalMs(),
        d.parallelism(),
        d.networkBufferTimeoutMs(),
        d.streamStateTtlMs(),
        d.eventTime(),
        d.forecast(),
        d.batching(),
        d.quality(),
        d.remoteInference(),
        models,
        null,
        routing,
        d.drift(),
        d.limits(),
        d.tolerableFailedCheckpoints(),
        d.checkpointDir());
  }

  private final ChallengerSlots slots =
      new ChallengerSlots(
          config(
              List.of(
                  new ModelEntry("t-a", "/m", "cpu", null),
                  new ModelEntry("t-pumps", "/m", "cpu", null)),
              List.of(
                  new RouteRule("a", "nvar", "t-a"),
                  new RouteRule("pump-.*", "nvar", "t-pumps"),
                  new RouteRule("b", "nvar", "persistence"))),
          10);

  @Test
  void shouldGiveAStreamTheConfiguredChallengerOfItsRule() {
    assertThat(slots.lookup("a")).isEqualTo(new ChallengerSlots.Lookup("t-a", null));
  }

  @Test
  void shouldNotTrainBuiltInsOrUnroutedStreams() {
    assertThat(slots.lookup("b").skip()).isEqualTo(ChallengerSlots.Skip.NO_SLOT);
    assertThat(slots.lookup("zzz").skip()).isEqualTo(ChallengerSlots.Skip.NO_SLOT);
  }

  @Test
  void shouldNotTrainASlotThatSeveralStreamsShare() {
    assertThat(slots.lookup("pump-1").skip()).isNull();
    assertThat(slots.lookup("pump-2").skip()).isEqualTo(ChallengerSlots.Skip.SHARED_SLOT);
    assertThat(slots.lookup("pump-1").skip()).isEqualTo(ChallengerSlots.Skip.SHARED_SLOT);
    assertThat(slots.sharedSlots()).containsExactly("t-pumps");
  }

  @Test
  void shouldLeaveASlotAloneWhileItServesItsStreamAsChampion() throws Exception {
    slots.onSwitch(
        Json.mapper().readTree("{\"stream\":\"a\",\"champion\":\"t-a\",\"challenger\":\"nvar\"}"));
    assertThat(slots.lookup("a").skip()).isEqualTo(ChallengerSlots.Skip.SERVES_AS_CHAMPION);

    slots.onSwitch(
        Json.mapper().readTree("{\"stream\":\"a\",\"champion\":\"nvar\",\"challenger\":\"t-a\"}"));
    assertThat(slots.lookup("a").skip()).isNull();
  }
}
