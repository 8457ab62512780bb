package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  private static final String RECORDS_IN =
      "flink_taskmanager_job_task_operator_chaoscast_records_in";

  @Test
  void shouldAcceptAnAggregatedRateOverAKnownMetric() {
    assertThat(
            PromQl.problems(
                "sum by (reason) (rate("
                    + RECORDS_IN
                    + "{namespace=\"a\",x=~\"b|c\"}[$__rate_interval])) * 60 > 1e-9"))
        .isEmpty();
  }

  @Test
  void shouldRejectUnbalancedBracketsAndUnclosedStrings() {
    assertThat(PromQl.problems("sum(rate(" + RECORDS_IN + "[5m])")).containsExactly("unclosed '('");
    assertThat(PromQl.problems("sum(" + RECORDS_IN + "})"))
        .first()
        .asString()
        .startsWith("unbalanced '}'");
    assertThat(PromQl.problems(RECORDS_IN + "{a=\"b}")).contains("unterminated string");
  }

  @Test
  void shouldRejectMetricsNobodyExports() {
    assertThat(
            PromQl.problems("sum(rate(flink_taskmanager_job_task_operator_chaoscast_made_up[5m]))"))
        .containsExactly("unknown metric flink_taskmanager_job_task_operator_chaoscast_made_up");
  }

  @Test
  void shouldRejectUnknownFunctions() {
    assertThat(PromQl.problems("summ(" + RECORDS_IN + ")"))
        .containsExactly("unknown function summ(");
  }

  @Test
  void shouldNotMistakeLabelsGroupingsOrBracketContentsForMetrics() {
    assertThat(
            PromQl.metrics(
                "sum by (kind, state) (increase(" + RECORDS_IN + "{kind=\"GAP\"}[1h] offset 5m))"))
        .containsExactly(RECORDS_IN);
  }
}
