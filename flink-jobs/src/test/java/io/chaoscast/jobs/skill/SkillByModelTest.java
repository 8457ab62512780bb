package io.chaoscast.jobs.skill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class SkillByModelTest {

  /** Flink's no-op group, recording the model label values and histograms registered under it. */
  private static final class Recording extends UnregisteredMetricsGroup {
    final Map<String, Histogram> byModel = new LinkedHashMap<>();

    @Override
    public MetricGroup addGroup(String key, String value) {
      assertThat(key).isEqualTo("model");
      return new UnregisteredMetricsGroup() {
        @Override
        public <H extends Histogram> H histogram(String name, H histogram) {
          assertThat(name).isEqualTo("skill_vpt_steps");
          byModel.put(value, histogram);
          return histogram;
        }
      };
    }
  }

  @Test
  void eachModelGetsItsOwnSeriesAndAForecastWithoutAModelNameCountsAsUnknown() {
    Recording group = new Recording();
    SkillByModel skill = new SkillByModel(group);
    skill.update("nvar", 10);
    skill.update("esn-7", 30);
    skill.update("nvar", 20);
    skill.update(null, 5);

    assertThat(group.byModel.keySet()).containsExactly("nvar", "esn-7", "unknown");
    assertThat(group.byModel.get("nvar").getCount()).isEqualTo(2);
    assertThat(group.byModel.get("nvar").getStatistics().getMean()).isEqualTo(15.0);
    assertThat(group.byModel.get("esn-7").getCount()).isEqualTo(1);
  }

  @Test
  void modelsBeyondTheBoundShareOneSeries() {
    Recording group = new Recording();
    SkillByModel skill = new SkillByModel(group);
    for (int i = 0; i < SkillByModel.MAX_MODELS + 10; i++) skill.update("model-" + i, i);

    assertThat(group.byModel).hasSize(SkillByModel.MAX_MODELS + 1).containsKey("other");
    assertThat(group.byModel.get("other").getCount()).isEqualTo(10);
  }
}
