package io.chaoscast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The event-time bounds added against hostile timestamps: read, defaulted and validated. */
class EventTimeSettingsTest {

  private static final String KAFKA = "kafka: {bootstrap_servers: \"localhost:9092\"}\n";

  @Test
  void shouldDefaultAndReadTheFutureAndWatermarkBounds() {
    var defaults = new JobConfigLoader().parse(KAFKA, "test").eventTime();
    assertThat(defaults.maxFutureSkewMs()).isEqualTo(60_000);
    assertThat(defaults.maxWatermarkAdvanceMs()).isEqualTo(10_000);

    var set =
        new JobConfigLoader()
            .parse(
                KAFKA + "event_time: {max_future_skew_ms: 5000, max_watermark_advance_ms: 0}",
                "test")
            .eventTime();
    assertThat(set.maxFutureSkewMs()).isEqualTo(5_000);
    assertThat(set.maxWatermarkAdvanceMs()).isZero();
  }

  @Test
  void shouldRejectNegativeBoundsNamingTheKey() {
    assertThatThrownBy(
            () ->
                new JobConfigLoader()
                    .parse(
                        KAFKA
                            + "event_time: {max_future_skew_ms: -1, max_watermark_advance_ms: -1}",
                        "test"))
        .hasMessageContaining("event_time.max_future_skew_ms")
        .hasMessageContaining("event_time.max_watermark_advance_ms");
  }
}
