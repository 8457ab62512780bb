import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU samples of a JFR recording went: the share of execution samples whose stack holds
 * each of the job's operator methods (inclusive, so nested ones overlap) and the top frames
 * (exclusive). Run with the JDK's single-file launcher:
 *
 * <pre>java load-tests/tools/JfrSummary.java recording.jfr [top-frames]</pre>
 *
 * <p>A recording of the job: {@code JAVA_OPTS="-XX:StartFlightRecording=delay=60s,duration=120s,
 * filename=job.jfr,settings=profile" ./forecaster loadtest ...} (docs/loadtest.md).
 */
public final class JfrSummary {

  /** Methods whose inclusive share says what a stage of the job costs. */
  private static final List<String> STAGES =
      List.of(
          "io.chaoscast.jobs.ingest.ParseObservations.processElement",
          "io.chaoscast.jobs.admission.StreamAdmission.processElement",
          "io.chaoscast.jobs.ordering.EventTimeSorter.processElement",
          "io.chaoscast.jobs.quality.DataQualityFunction.processElement",
          "io.chaoscast.jobs.forecast.ForecastFunction.processElement",
          "io.chaoscast.jobs.batching.BatchingForecastOperator.flush",
          "io.chaoscast.models.baselines.NvarForecaster.forecastWindow",
          "io.chaoscast.jobs.skill.SkillFunction.processElement1",
          "io.chaoscast.jobs.skill.SkillFunction.processElement2",
          "io.chaoscast.jobs.skill.SkillFunction.onTimer",
          "io.chaoscast.jobs.drift.DriftMonitorFunction.processElement1",
          "io.chaoscast.jobs.isolation.StreamGuard.admit",
          "org.apache.flink.runtime.state.ttl.TtlIncrementalCleanup.stateAccessed",
          "org.apache.flink.runtime.state.heap.HeapSnapshotStrategy.lambda$asyncSnapshot$3",
          "io.chaoscast.jobs.drift.DriftStateSerializer.serialize",
          "org.apache.flink.connector.kafka.sink.KafkaWriter.write",
          "io.chaoscast.loadtest.LoadGenerator.run");

  public static void main(String[] args) throws Exception {
    int topN = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> top = new HashMap<>();
    int samples = 0;
    try (var recording = new RecordingFile(Path.of(args[0]))) {
      while (recording.hasMoreEvents()) {
        var event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) continue;
        var stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) continue;
        samples++;
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : stack.getFrames()) {
          String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
          if (seen.isEmpty()) top.merge(name, 1, Integer::sum);
          if (seen.add(name)) inclusive.merge(name, 1, Integer::sum);
        }
      }
    }
    System.out.printf("%d execution samples%n%nstage (inclusive share of samples)%n", samples);
    for (String stage : STAGES) {
      System.out.printf("%6.1f %%  %s%n", 100.0 * inclusive.getOrDefault(stage, 0) / samples, stage);
    }
    System.out.printf("%ntop frames (exclusive)%n");
    final int n = samples;
    top.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(topN)
        .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / n, e.getKey()));
  }
}
