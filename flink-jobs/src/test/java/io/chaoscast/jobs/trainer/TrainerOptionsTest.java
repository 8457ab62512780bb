package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.jobs.config.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerOptionsTest {

  @TempDir Path root;

  private JobConfig job(boolean modelsTopic) {
    JobConfig d = JobConfig.defaults();
    var t = d.topics();
    return new JobConfig(
        d.kafka(),
        new JobConfig.TopicNames(
            t.observations(),
            t.forecasts(),
            t.alerts(),
            t.deadLetters(),
            t.skill(),
            modelsTopic ? "models" : ""),
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
        d.models(),
        modelsTopic ? root.toString() : null,
        d.routing(),
        d.drift(),
        d.limits(),
        d.tolerableFailedCheckpoints(),
        d.checkpointDir());
  }

  private TrainerOptions options(
      JobConfig job, int history, int holdout, List<String> candidates, Path store) {
    return new TrainerOptions(
        job,
        "g",
        Duration.ofSeconds(1),
        history,
        holdout,
        100,
        10,
        1,
        candidates,
        store,
        TrainerOptions.DEFAULT_KEEP_VERSIONS,
        Duration.ofSeconds(1));
  }

  @Test
  void shouldAcceptTheDefaults() {
    assertThat(options(job(true), 2000, 400, CandidateFitter.TYPES, null).problems()).isEmpty();
  }

  @Test
  void shouldNameTheFlagOrKeyOfEveryProblem() {
    int context = JobConfig.defaults().forecast().contextLength();
    var problems = options(job(false), context, 1, List.of("nvar", "mamba"), null).problems();

    assertThat(problems)
        .anyMatch(p -> p.contains("topics.models"))
        .anyMatch(p -> p.contains("model_root"))
        .anyMatch(p -> p.startsWith("--holdout 1"))
        .anyMatch(p -> p.startsWith("--history " + context))
        .anyMatch(p -> p.contains("--candidates: 'mamba'"));
  }

  @Test
  void shouldRefuseANegativeNumberOfVersionsToKeep() {
    var o = options(job(true), 2000, 400, CandidateFitter.TYPES, null);
    var negative =
        new TrainerOptions(
            o.job(),
            o.groupId(),
            o.schedule(),
            o.historySamples(),
            o.holdoutSamples(),
            o.retrainAfter(),
            o.maxStreams(),
            o.maxConcurrentFits(),
            o.candidates(),
            o.store(),
            -1,
            o.statusEvery());
    assertThat(negative.problems())
        .containsExactly("--keep-versions -1 must be 0 (keep every version) or more");
  }

  @Test
  void shouldRefuseAStoreOutsideModelRoot() {
    var problems =
        options(job(true), 2000, 400, CandidateFitter.TYPES, root.resolveSibling("elsewhere"))
            .problems();
    assertThat(problems).singleElement().asString().startsWith("--store").contains("model_root");
  }
}
