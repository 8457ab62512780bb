package io.chaoscast.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.jobs.skill.SkillFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamScorecardTest {

  private static final long START = 1_000_000;
  private static final double SAMPLE_MS = 20; // 50 Hz

  @Test
  void aStreamPromotedOnceIsScoredBeforeAndAfterItsPromotion() {
    // Context 150: the first full window ends at sample 150, time START + 149 samples.
    long t150 = START + 149 * 20;
    var forecasts =
        List.of(
            forecast("a", t150 + 200, "nvar"),
            forecast("a", t150, "nvar"), // out of order on the topic: still the first
            forecast("a", t150 + 4000, "trained-a"));
    long promotedAt = t150 + 3000;
    var skill =
        List.of(
            skill("a", t150, "nvar", "nvar", 6, SkillFunction.CHAMPION),
            skill("a", t150 + 200, "nvar", "nvar", 10, SkillFunction.CHAMPION),
            // the challenger's own scores before its promotion are not published forecasts
            skill(
                "a",
                t150 + 400,
                "trained-a",
                "trained-a/trained-5-esn",
                20,
                SkillFunction.CHALLENGER),
            skill(
                "a",
                promotedAt,
                "trained-a",
                "trained-a/trained-5-esn",
                18,
                SkillFunction.CHAMPION),
            skill(
                "a",
                t150 + 4000,
                "trained-a",
                "trained-a/trained-9-esn",
                15,
                SkillFunction.CHAMPION),
            // after the promotion the old champion only runs as challenger
            skill("a", t150 + 4000, "nvar", "nvar", 2, SkillFunction.CHALLENGER),
            skill("b", t150, "nvar", "nvar", 1, SkillFunction.CHAMPION));
    var switches =
        List.of(
            new ModelSwitch(
                "a", promotedAt, ModelSwitch.Kind.PROMOTED, "trained-a", "nvar", "r", null, null));

    var rows =
        StreamScorecard.rows(
            Map.of("a", START), SAMPLE_MS, forecasts, skill, switches, Map.of("a", 2));

    assertThat(rows).hasSize(1);
    var a = rows.get(0);
    assertThat(a.firstForecastSample()).isEqualTo(150);
    assertThat(a.firstModel()).isEqualTo("nvar");
    assertThat(a.servingAtEnd()).isEqualTo("trained-a");
    assertThat(a.announced()).isEqualTo(2);
    assertThat(a.promotions()).isEqualTo(1);
    assertThat(a.demotions()).isZero();
    assertThat(a.lastPromotionS()).isEqualTo((promotedAt - START) / 1000.0);
    assertThat(a.before().scored()).isEqualTo(2);
    assertThat(a.before().vptSteps()).isEqualTo(8.0);
    assertThat(a.after().scored()).isEqualTo(2);
    assertThat(a.after().vptSteps()).isEqualTo(16.5);
    assertThat(a.after().type()).isEqualTo("esn");
  }

  @Test
  void aStreamNeverPromotedHasNoAfterAndAllItsForecastsBefore() {
    long t = START + 199 * 20;
    var rows =
        StreamScorecard.rows(
            Map.of("b", START),
            SAMPLE_MS,
            List.of(forecast("b", t, "nvar")),
            List.of(skill("b", t, "nvar", "nvar", 4, SkillFunction.CHAMPION)),
            List.of(),
            Map.of());

    var b = rows.get(0);
    assertThat(b.firstForecastSample()).isEqualTo(200);
    assertThat(b.announced()).isZero();
    assertThat(b.after()).isNull();
    assertThat(b.lastPromotionS()).isNaN();
    assertThat(b.before().vptSteps()).isEqualTo(4.0);
    assertThat(b.before().type()).isNull();
  }

  @Test
  void aStreamNeverForecastSaysSo() {
    var row =
        StreamScorecard.rows(
                Map.of("c", START), SAMPLE_MS, List.of(), List.of(), List.of(), Map.of())
            .get(0);
    assertThat(row.firstForecastSample()).isEqualTo(-1);
    assertThat(row.before().scored()).isZero();
    assertThat(row.before().vptSteps()).isNaN();
  }

  private static Forecast forecast(String stream, long issuedAt, String model) {
    return new Forecast(stream, issuedAt, model, SAMPLE_MS, 1, null, new double[1][1], 0, model);
  }

  private static ForecastSkill skill(
      String stream, long issuedAt, String model, String modelId, int vpt, String role) {
    return new ForecastSkill(
        stream,
        issuedAt,
        modelId,
        SAMPLE_MS,
        20,
        20,
        0,
        new double[0],
        new double[0],
        vpt,
        vpt * SAMPLE_MS / 1000,
        model,
        role);
  }
}
