package io.chaoscast.jobs.demo;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.schema.ModelSwitch;
import io.chaoscast.jobs.skill.SkillFunction;
import io.chaoscast.jobs.trainer.TrainedVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Per stream, what a demo run shows of the self-tuning loop (issue 17, docs/serving.md#trainer):
 * when the stream was first forecast, how often the trainer announced a model for it, what the
 * promotion stage switched, and the live skill of the published forecasts before the first
 * promotion and of the promoted model after its last one. A pure function of what the run wrote to
 * its topics, so it can be checked against known records.
 */
final class StreamScorecard {

  private StreamScorecard() {}

  /**
   * The live skill of one model over a stretch of a stream: mean valid prediction time in steps of
   * its published (champion-role) forecasts, as the job's skill topic scores them.
   *
   * @param model the job's model name
   * @param type the trained model class its versions name ({@link TrainedVersion}), or null when
   *     they differ or name none
   * @param scored forecasts scored
   * @param vptSteps their mean valid prediction time, steps (NaN when none)
   */
  record LiveSkill(String model, String type, int scored, double vptSteps) {}

  /**
   * One stream's row.
   *
   * @param firstForecastSample the 1-based sample number of the last observation in the first
   *     forecast's context (the context length when the stream was forecast from its first full
   *     window); -1 when it was never forecast
   * @param firstModel the model that made the first forecast
   * @param announced versions the trainer announced for the stream's slot
   * @param promotions PROMOTED switches
   * @param demotions DEMOTED switches
   * @param lastPromotionS stream time of the last promotion, seconds after its first sample (NaN
   *     when none)
   * @param servingAtEnd the model of the last published forecast
   * @param before published forecasts before the first promotion (all of them when none)
   * @param after the model serving at the end, since its last promotion (null when none)
   */
  record Row(
      String stream,
      int firstForecastSample,
      String firstModel,
      int announced,
      int promotions,
      int demotions,
      double lastPromotionS,
      String servingAtEnd,
      LiveSkill before,
      LiveSkill after) {}

  /**
   * @param firstSampleMillis per stream, the event time of its first sample
   * @param sampleMillis the streams' sampling interval
   * @param announced per stream, versions announced for it
   */
  static List<Row> rows(
      Map<String, Long> firstSampleMillis,
      double sampleMillis,
      List<Forecast> forecasts,
      List<ForecastSkill> skill,
      List<ModelSwitch> switches,
      Map<String, Integer> announced) {
    // Each topic's records grouped by stream once, not filtered again for every stream.
    Map<String, List<Forecast>> forecastsOf = byStream(forecasts, Forecast::stream);
    Map<String, List<ModelSwitch>> switchesOf = byStream(switches, ModelSwitch::stream);
    Map<String, List<ForecastSkill>> publishedOf =
        byStream(
            skill.stream().filter(s -> SkillFunction.CHAMPION.equals(s.role())).toList(),
            ForecastSkill::stream);
    List<Row> rows = new ArrayList<>();
    for (var e : firstSampleMillis.entrySet()) {
      String stream = e.getKey();
      long first = e.getValue();
      List<Forecast> own =
          forecastsOf.getOrDefault(stream, List.of()).stream()
              .sorted(Comparator.comparingLong(Forecast::issuedAtMillis))
              .toList();
      List<ModelSwitch> moves =
          switchesOf.getOrDefault(stream, List.of()).stream()
              .sorted(Comparator.comparingLong(ModelSwitch::atMillis))
              .toList();
      List<ForecastSkill> published = publishedOf.getOrDefault(stream, List.of());
      int firstSample =
          own.isEmpty()
              ? -1
              : (int) Math.round((own.get(0).issuedAtMillis() - first) / sampleMillis) + 1;
      String firstModel = own.isEmpty() ? null : own.get(0).model();
      String servingAtEnd = own.isEmpty() ? null : own.get(own.size() - 1).model();
      List<ModelSwitch> promotions =
          moves.stream().filter(s -> s.kind() == ModelSwitch.Kind.PROMOTED).toList();
      long firstPromotion = promotions.isEmpty() ? Long.MAX_VALUE : promotions.get(0).atMillis();
      LiveSkill before = live(firstModel, published, s -> s.issuedAtMillis() < firstPromotion);
      LiveSkill after = null;
      double lastPromotionS = Double.NaN;
      var servingPromotion =
          promotions.stream().filter(s -> s.champion().equals(servingAtEnd)).toList();
      if (!servingPromotion.isEmpty()) {
        long at = servingPromotion.get(servingPromotion.size() - 1).atMillis();
        lastPromotionS = (at - first) / 1000.0;
        after = live(servingAtEnd, published, s -> s.issuedAtMillis() >= at);
      }
      rows.add(
          new Row(
              stream,
              firstSample,
              firstModel,
              announced.getOrDefault(stream, 0),
              promotions.size(),
              (int) moves.stream().filter(s -> s.kind() == ModelSwitch.Kind.DEMOTED).count(),
              lastPromotionS,
              servingAtEnd,
              before,
              after));
    }
    return rows;
  }

  /** The records of each stream; records without a stream are left out. */
  private static <T> Map<String, List<T>> byStream(List<T> records, Function<T, String> stream) {
    return records.stream()
        .filter(r -> stream.apply(r) != null)
        .collect(Collectors.groupingBy(stream));
  }

  private static LiveSkill live(
      String model, List<ForecastSkill> published, Predicate<ForecastSkill> when) {
    List<ForecastSkill> mine =
        published.stream()
            .filter(s -> s.model() != null && s.model().equals(model))
            .filter(when)
            .toList();
    double mean = mine.stream().mapToInt(ForecastSkill::vptSteps).average().orElse(Double.NaN);
    List<String> types =
        mine.stream().map(s -> TrainedVersion.typeOf(s.modelId())).distinct().toList();
    return new LiveSkill(model, types.size() == 1 ? types.get(0) : null, mine.size(), mean);
  }
}
