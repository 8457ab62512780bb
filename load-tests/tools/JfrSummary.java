import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;
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
 * (exclusive); then the same shares of the sampled allocation (bytes), the stop-the-world
 * garbage-collection pauses per 30 s of the recording, which every record in flight waits out (a
 * load test's latency tail), and the file writes slow enough to be recorded (checkpoint files
 * among them). Run with the JDK's single-file launcher:
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
    Map<String, Long> allocatedBy = new HashMap<>();
    long allocated = 0;
    Map<Long, List<Double>> pausesBySlot = new TreeMap<>();
    Map<String, List<Double>> slowWritesBy = new TreeMap<>();
    List<long[]> gcSpans = new java.util.ArrayList<>(); // start and end, epoch ms
    List<long[]> slowWriteSpans = new java.util.ArrayList<>();
    Instant start = null;
    int samples = 0;
    try (var recording = new RecordingFile(Path.of(args[0]))) {
      while (recording.hasMoreEvents()) {
        var event = recording.readEvent();
        if (start == null || event.getStartTime().isBefore(start)) start = event.getStartTime();
        String type = event.getEventType().getName();
        if (type.equals("jdk.GarbageCollection")) {
          long slot = event.getStartTime().getEpochSecond() / 30;
          double ms = event.getDuration("longestPause").toNanos() / 1e6;
          pausesBySlot.computeIfAbsent(slot, k -> new java.util.ArrayList<>()).add(ms);
          gcSpans.add(span(event));
          continue;
        }
        if (type.equals("jdk.FileWrite")) {
          // only writes over the recording's threshold (10 ms under settings=profile) are events
          String thread = event.getThread() == null ? "?" : event.getThread().getJavaName();
          slowWritesBy
              .computeIfAbsent(threadFamily(thread), k -> new java.util.ArrayList<>())
              .add(event.getDuration().toNanos() / 1e6);
          slowWriteSpans.add(span(event));
          continue;
        }
        boolean allocation = type.equals("jdk.ObjectAllocationSample");
        if (!allocation && !type.equals("jdk.ExecutionSample")) continue;
        var stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) continue;
        long weight = allocation ? event.getLong("weight") : 0;
        if (allocation) allocated += weight;
        else samples++;
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : stack.getFrames()) {
          String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
          if (allocation) {
            if (seen.add(name)) allocatedBy.merge(name, weight, Long::sum);
            continue;
          }
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
    System.out.printf(
        "%n%.0f MB of sampled allocation; stage (inclusive share of bytes)%n", allocated / 1e6);
    for (String stage : STAGES) {
      double share = allocated == 0 ? 0 : 100.0 * allocatedBy.getOrDefault(stage, 0L) / allocated;
      System.out.printf("%6.1f %%  %s%n", share, stage);
    }
    System.out.printf("%nGC pauses per 30 s (from the recording's start): count, total ms, longest ms%n");
    long first = start == null ? 0 : start.getEpochSecond() / 30;
    for (var e : pausesBySlot.entrySet()) {
      List<Double> p = e.getValue();
      System.out.printf(
          "  %4d s  %3d  %7.1f  %6.1f%n",
          (e.getKey() - first) * 30,
          p.size(),
          p.stream().mapToDouble(Double::doubleValue).sum(),
          p.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
    System.out.printf(
        "%nFile writes over the recording's threshold, per thread family: count, median ms, longest"
            + " ms%n");
    for (var e : slowWritesBy.entrySet()) {
      List<Double> w = e.getValue().stream().sorted().toList();
      System.out.printf(
          "  %4d  %6.1f  %6.1f  %s%n", w.size(), w.get(w.size() / 2), w.get(w.size() - 1), e.getKey());
    }
    long duringGc =
        slowWriteSpans.stream()
            .filter(w -> gcSpans.stream().anyMatch(g -> g[0] <= w[1] && g[1] >= w[0]))
            .count();
    System.out.printf(
        "  of these, %d overlap a garbage collection (the rest waited for something else)%n",
        duringGc);
  }

  private static long[] span(jdk.jfr.consumer.RecordedEvent event) {
    return new long[] {event.getStartTime().toEpochMilli(), event.getEndTime().toEpochMilli()};
  }

  /** A thread's name without its numbers and subtask suffix (one line per kind of thread). */
  private static String threadFamily(String name) {
    if (name == null) return "?";
    return name.replaceAll(" \\(\\d+/\\d+\\)#\\d+", "").replaceAll("\\d+", "#");
  }
}
