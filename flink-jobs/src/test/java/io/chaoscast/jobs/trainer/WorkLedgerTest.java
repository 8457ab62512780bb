package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.serde.Json;
import org.junit.jupiter.api.Test;

class WorkLedgerTest {

  @Test
  void shouldLearnFinishedWorkFromTheTrainersAnnouncementsOnly() throws Exception {
    WorkLedger ledger = new WorkLedger();
    ledger.onAnnouncement(
        Json.mapper()
            .readTree(
                "{\"name\":\"m\",\"path\":\"/p\",\"version\":\"v\",\"stream\":\"s\","
                    + "\"history_end_millis\":200}"));
    ledger.onAnnouncement(
        Json.mapper()
            .readTree(
                "{\"name\":\"m\",\"path\":\"/p\",\"version\":\"v\",\"stream\":\"s\","
                    + "\"history_end_millis\":100}"));
    ledger.onAnnouncement(
        Json.mapper().readTree("{\"name\":\"m\",\"path\":\"/p\",\"version\":\"v\"}"));
    ledger.onAnnouncement(Json.mapper().readTree("[1]"));

    assertThat(ledger.trainedUpTo("s")).hasValue(200);
    assertThat(ledger.streamsTrained()).isEqualTo(1);
  }

  @Test
  void shouldLetOneFitRunPerStream() {
    WorkLedger ledger = new WorkLedger();
    assertThat(ledger.claim("s")).isTrue();
    assertThat(ledger.claim("s")).isFalse();
    assertThat(ledger.running()).isEqualTo(1);
    ledger.release("s");
    assertThat(ledger.claim("s")).isTrue();
  }
}
