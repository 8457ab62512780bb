package io.chaoscast.jobjar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.serde.ObservationJson;
import io.chaoscast.connectors.synthetic.SignalSource;
import io.chaoscast.connectors.synthetic.SyntheticStreams;
import io.chaoscast.connectors.testing.KafkaFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a Flink 2.2 session cluster of separate processes (one JobManager, one-slot
 * TaskManagers; see {@link FlinkProcessCluster}), submitted through the REST API, reading from and
 * writing to the in-JVM KRaft broker of this test. Exactly-once output is compared, record for
 * record, with an uninterrupted run of the same jar over the same input.
 *
 * <p>The job reads slowly on purpose: its Kafka consumer may fetch ~1 KiB per 100 ms
 * (kafka.properties in the job YAML; each input record is its own batch), so a run over a few
 * hundred records per stream lasts long enough for checkpoints, a kill and a restart mid-stream.
 */
class ClusterFailoverIT {

  static final int STREAMS = 2;
  static final int SAMPLES_PER_STREAM = 300;

  /**
   * One partition for the input: the job assigns watermarks after parsing, per source subtask, so a
   * subtask reading two partitions (parallelism 1 here) would see one run ahead of the other as the
   * fetches happen to interleave, and dead-letter the other's records as late. That is the job's
   * documented trade-off (README, "Parse in an operator"), not what these tests are about. The
   * outputs have two partitions.
   */
  static final int INPUT_PARTITIONS = 1;

  static final int OUTPUT_PARTITIONS = 2;
  static final int PARALLELISM = 2;

  /**
   * How long the job's fetches wait for data that never suffices (see the class comment): 100 ms
   * reads the input in ~25 s. Rescaling reads slower, so that a stage restored at parallelism 4
   * still has input left when its first checkpoint completes and it is stopped again.
   */
  static final int FETCH_WAIT_MS = 100;

  static final int RESCALE_FETCH_WAIT_MS = 300;

  @TempDir static Path work;

  private static KafkaFixture kafka;
  private static TestingServer zookeeper;
  private static FlinkProcessCluster cluster;
  private static FlinkRest rest;
  private static String jarId;
  private static String jarUploadedTo;
  private static List<ProducerRecord<byte[], byte[]>> input;
  private static Outputs uninterrupted;

  @BeforeAll
  static void startCluster() throws Exception {
    kafka = KafkaFixture.start();
    input = input();
    zookeeper = zookeeper(Files.createDirectories(work.resolve("zookeeper")));
    cluster =
        FlinkProcessCluster.start(
            Files.createDirectories(work.resolve("cluster")),
            Path.of(System.getProperty("chaoscast.cluster.classpath")),
            System.getProperty("chaoscast.flink.opens"),
            zookeeper.getConnectString());
    rest = new FlinkRest(cluster.restUrl());
    try {
      ensureTaskManagers(2);
      uploadedJar();
    } catch (RuntimeException | InterruptedException e) {
      throw new AssertionError("cluster did not start:\n" + cluster.logTails(40), e);
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (cluster != null) cluster.close();
    } finally {
      try {
        if (zookeeper != null) zookeeper.close();
      } finally {
        if (kafka != null) kafka.close();
      }
    }
  }

  /**
   * The ZooKeeper of the cluster's high availability, in this JVM like the broker: a JobManager
   * killed with it would take the cluster's memory of its jobs along. Loopback only; a tick of 1 s
   * allows the 2-20 s sessions the cluster asks for (15 s).
   */
  private static TestingServer zookeeper(Path dataDir) throws Exception {
    var spec =
        new InstanceSpec(
            dataDir.toFile(),
            FlinkProcessCluster.freePort(),
            -1,
            -1,
            false,
            1,
            1000,
            -1,
            Map.of("clientPortAddress", "127.0.0.1"),
            "127.0.0.1");
    return new TestingServer(spec, true);
  }

  /**
   * The job jar's id on the current JobManager: uploaded jars live in a JobManager's own upload
   * directory, so a restarted one needs it again.
   */
  private static String uploadedJar() throws IOException, InterruptedException {
    if (!cluster.jobManagerName().equals(jarUploadedTo)) {
      jarId = rest.upload(JobJar.path());
      jarUploadedTo = cluster.jobManagerName();
    }
    return jarId;
  }

  /** The committed output of one uninterrupted run at parallelism 2, shared by the tests. */
  private static Outputs uninterrupted() throws Exception {
    if (uninterrupted == null) {
      ensureTaskManagers(2);
      Topics topics = Topics.create(kafka);
      produce(topics.observations());
      String job = submit(topics, PARALLELISM, FETCH_WAIT_MS, null);
      try {
        assertThat(rest.awaitTerminal(job, Duration.ofMinutes(3))).isEqualTo("FINISHED");
      } catch (AssertionError | RuntimeException e) {
        throw withClusterState(e, job);
      }
      uninterrupted = Outputs.read(kafka, topics, null);
      assertThat(uninterrupted.forecasts()).hasSize(STREAMS * ((SAMPLES_PER_STREAM - 60) / 10 + 1));
      assertThat(uninterrupted.deadLetters()).hasSize(SAMPLES_PER_STREAM / 50);
    }
    return uninterrupted;
  }

  @Test
  void shouldCommitTheUninterruptedOutputAfterATaskManagerIsKilledMidStream() throws Exception {
    Outputs uninterrupted = uninterrupted();
    ensureTaskManagers(2);

    Topics topics = Topics.create(kafka);
    produce(topics.observations());
    String job = submit(topics, PARALLELISM, FETCH_WAIT_MS, null);
    try {
      awaitCompletedCheckpoint(job);
      // one that runs a task of the job (the cluster may hold idle TaskManagers)
      String victim = rest.taskManagersOf(job).get(0);
      long killedAt = System.nanoTime();
      cluster.killForcibly(victim);
      // as Kubernetes would: a new TaskManager pod replaces the dead one
      cluster.startTaskManager("taskmanager-" + (cluster.startedTaskManagers() + 1));
      Recovery recovery = awaitRecovery(job, killedAt);
      System.out.printf(
          "cluster recovery after kill -9 of %s: tasks running again after %d ms, first"
              + " checkpoint after the restore after %d ms (restored checkpoint %d)%n",
          victim,
          recovery.tasksRunning().toMillis(),
          recovery.checkpointed().toMillis(),
          recovery.restoredId());
      JsonNode restored = recovery.restored();
      assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
      assertThat(rest.awaitTerminal(job, Duration.ofMinutes(3))).isEqualTo("FINISHED");
    } catch (AssertionError | RuntimeException e) {
      throw withClusterState(e, job);
    }
    Outputs.read(kafka, topics, uninterrupted).assertEqualTo(uninterrupted);
  }

  /**
   * {@code kill -9} of the JobManager mid-stream, and a new JobManager process started with the
   * same configuration, as Kubernetes restarts a JobManager pod. Through ZooKeeper it becomes
   * leader once the dead one's session expires, finds the job and its latest completed checkpoint,
   * and the running TaskManagers (none replaced) register with it and take the job's tasks again.
   *
   * <p>At parallelism 1, like the last rescale stage: a bounded Kafka source whose enumerator is
   * recreated from state never tells its readers that no more splits come (FLINK-31006, connector
   * 5.0.0-2.2), so at parallelism 2 the reader without a split (one input partition) would hold the
   * watermark back for good (the YAML's idle timeout is 10 min) and no forecast would follow.
   */
  @Test
  void shouldResumeFromTheLatestCheckpointAfterTheJobManagerIsKilledAndRestarted()
      throws Exception {
    Outputs uninterrupted = uninterrupted();
    ensureTaskManagers(2);
    List<String> taskManagers = cluster.liveTaskManagerNames();

    Topics topics = Topics.create(kafka);
    produce(topics.observations());
    String job = submit(topics, 1, FETCH_WAIT_MS, null);
    try {
      awaitCompletedCheckpoint(job);
      long reported = rest.checkpoints(job).path("latest").path("completed").path("id").asLong();
      String victim = cluster.jobManagerName();
      long killedAt = System.nanoTime();
      cluster.killForcibly(victim);
      // Written by the dead JobManager alone: a checkpoint it finished after REST's answer
      // above but did not record in ZooKeeper yet has its metadata here, so the latest one the new
      // JobManager can know of is at least the reported one and at most this one.
      long onDisk = cluster.latestCheckpointOnDisk(job);
      cluster.startJobManager();
      Recovery recovery = awaitRecovery(job, killedAt);
      System.out.printf(
          "cluster recovery after kill -9 of %s and a new JobManager process: tasks running"
              + " again after %d ms, first checkpoint after the restore after %d ms (restored"
              + " checkpoint %d; latest completed before the kill: %d by REST, %d on disk)%n",
          victim,
          recovery.tasksRunning().toMillis(),
          recovery.checkpointed().toMillis(),
          recovery.restoredId(),
          reported,
          onDisk);
      assertThat(recovery.restored().path("is_savepoint").asBoolean()).isFalse();
      assertThat(recovery.restoredId())
          .as("the restored checkpoint: the latest one the old JobManager completed")
          .isGreaterThanOrEqualTo(Math.max(reported, 1))
          .isLessThanOrEqualTo(onDisk);
      assertThat(rest.taskManagersOf(job))
          .as("the job's tasks run on the TaskManagers that were there before the kill")
          .isNotEmpty()
          .isSubsetOf(taskManagers);
      assertThat(rest.get("/taskmanagers").findValuesAsText("id"))
          .as("every TaskManager registered with the new JobManager")
          .containsAll(taskManagers);
      drainOnceSkillIsCommitted(job, topics, uninterrupted);
    } catch (AssertionError | RuntimeException e) {
      throw withClusterState(e, job);
    }
    Outputs.read(kafka, topics, uninterrupted).assertEqualTo(uninterrupted);
  }

  /**
   * Ends a job whose bounded Kafka source was restored by a new JobManager or from a savepoint:
   * such a source does not finish once its splits are read (FLINK-31006: the recreated enumerator
   * never signals that no more splits come; a TaskManager failover within the same JobManager does
   * finish), so the end-of-input watermark never comes. Once everything else is committed (skill is
   * the last output of each forecast), stopping with drain sends that watermark: the last forecast
   * of each stream, which waits for it, is written too.
   */
  private static void drainOnceSkillIsCommitted(String job, Topics topics, Outputs uninterrupted)
      throws Exception {
    assertThat(Outputs.read(kafka, topics.skill(), uninterrupted.skill().size()))
        .as("skill records committed by the restored job")
        .hasSameSizeAs(uninterrupted.skill());
    rest.stopWithSavepoint(job, cluster.savepointDir(), true, Duration.ofMinutes(2));
  }

  /**
   * Stop with a savepoint mid-stream, resume at parallelism 4, again, resume at 1: every stream's
   * windows, skill state and drift monitor move between subtasks, and the output is still exactly
   * the uninterrupted run's.
   */
  @Test
  void shouldCommitTheUninterruptedOutputWhenRescaledThroughSavepoints() throws Exception {
    Outputs uninterrupted = uninterrupted();
    ensureTaskManagers(4);

    Topics topics = Topics.create(kafka);
    produce(topics.observations());
    String savepoint = null;
    List<String> stages = new ArrayList<>();
    for (int parallelism : new int[] {2, 4, 1}) {
      String job = submit(topics, parallelism, RESCALE_FETCH_WAIT_MS, savepoint);
      try {
        if (parallelism == 1) {
          drainOnceSkillIsCommitted(job, topics, uninterrupted);
          stages.add("p=1 from it ran to the end of the input, stopped with drain");
          break;
        }
        awaitCompletedCheckpoint(job);
        savepoint =
            rest.stopWithSavepoint(job, cluster.savepointDir(), false, Duration.ofMinutes(2));
        stages.add("p=" + parallelism + " stopped with savepoint " + savepoint);
      } catch (AssertionError | RuntimeException e) {
        throw withClusterState(e, job);
      }
    }
    System.out.println("cluster rescale through savepoints: " + String.join("; ", stages));
    Outputs.read(kafka, topics, uninterrupted).assertEqualTo(uninterrupted);
  }

  /**
   * How long after a kill at {@code killedAt} (System.nanoTime) the job's tasks all ran again and
   * the first checkpoint after its restore completed, and what it restored.
   */
  record Recovery(Duration tasksRunning, Duration checkpointed, JsonNode restored) {
    long restoredId() {
      return restored.path("id").asLong();
    }
  }

  /**
   * Waits for the job to restore from a checkpoint and complete a newer one; REST calls that fail
   * meanwhile (no JobManager, or one that has not recovered the job yet) count as "not yet".
   */
  private static Recovery awaitRecovery(String job, long killedAt) throws Exception {
    long[] runningAgainAt = {0};
    FlinkRest.await(
        "a checkpoint completed after the restore",
        Duration.ofMinutes(3),
        () -> {
          JsonNode latest = rest.checkpoints(job).path("latest");
          if (latest.path("restored").isMissingNode() || latest.path("restored").isNull()) {
            return false;
          }
          if (runningAgainAt[0] == 0 && rest.allTasksRunning(job)) {
            runningAgainAt[0] = System.nanoTime();
          }
          return latest.path("completed").path("id").asLong()
              > latest.path("restored").path("id").asLong();
        });
    Duration checkpointed = Duration.ofNanos(System.nanoTime() - killedAt);
    Duration running =
        runningAgainAt[0] == 0 ? checkpointed : Duration.ofNanos(runningAgainAt[0] - killedAt);
    return new Recovery(
        running, checkpointed, rest.checkpoints(job).path("latest").path("restored"));
  }

  /** A completed checkpoint, with the job still running: what follows happens mid-stream. */
  private static void awaitCompletedCheckpoint(String job) throws Exception {
    FlinkRest.await(
        "a completed checkpoint",
        Duration.ofMinutes(2),
        () -> rest.checkpoints(job).path("counts").path("completed").asInt() >= 1);
    assertThat(rest.state(job)).as("the job is still running: mid-stream").isEqualTo("RUNNING");
  }

  /** Starts TaskManagers (one slot each) until {@code count} live ones are registered. */
  private static void ensureTaskManagers(int count) throws Exception {
    while (cluster.liveTaskManagerNames().size() < count) {
      cluster.startTaskManager("taskmanager-" + (cluster.startedTaskManagers() + 1));
    }
    rest.awaitTaskManagers(count, Duration.ofMinutes(3));
  }

  private static AssertionError withClusterState(Throwable e, String job) {
    return new AssertionError(
        e.getMessage() + "\njob exceptions: " + rest.exceptions(job) + "\n" + cluster.logTails(30),
        e);
  }

  /** Runs the jar on a job YAML for {@code topics}, from {@code savepoint} when not null. */
  private static String submit(Topics topics, int parallelism, int fetchWaitMs, String savepoint)
      throws Exception {
    Path yaml = work.resolve("job-" + topics.id() + "-p" + parallelism + ".yaml");
    Files.writeString(yaml, jobYaml(topics, parallelism, fetchWaitMs));
    return rest.run(
        uploadedJar(), JobJarContentsIT.ENTRY_CLASS, List.of(yaml.toString()), savepoint);
  }

  /**
   * The job's YAML. event_time.idle_timeout_ms is far above any stall here: a partition declared
   * idle lets the watermark run past records it has yet to deliver, which then count as late, and
   * when that happens depends on scheduling (a restore, a slow fetch), not on the input.
   */
  static String jobYaml(Topics t, int parallelism, int fetchWaitMs) {
    return """
        kafka:
          bootstrap_servers: "%s"
          group_id: "cluster-%s"
          transactional_id_prefix: "cluster-%s"
          bounded_input: true
          properties:
            fetch.min.bytes: "10000000"
            fetch.max.wait.ms: "%d"
            max.partition.fetch.bytes: "1024"
        topics: {observations: "%s", forecasts: "%s", alerts: "%s", dead_letters: "%s", skill: "%s"}
        delivery: exactly_once
        checkpoint_interval_ms: 500
        parallelism: %d
        event_time: {max_out_of_orderness_ms: 20, max_timestamp_skew_ms: 3600000, idle_timeout_ms: 600000}
        forecast: {context_length: 60, horizon_steps: 5, every_samples: 10}
        """
        .formatted(
            kafka.bootstrapServers(),
            t.id(),
            t.id(),
            fetchWaitMs,
            t.observations(),
            t.forecasts(),
            t.alerts(),
            t.deadLetters(),
            t.skill(),
            parallelism);
  }

  /**
   * Two streams of the demo mix, interleaved, and a malformed record every 50 samples; the same
   * event and Kafka times in every run.
   */
  static List<ProducerRecord<byte[], byte[]>> input() {
    Map<String, SignalSource> streams = SyntheticStreams.demoMix(STREAMS, 7);
    long t0 = System.currentTimeMillis() - 60_000;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SAMPLES_PER_STREAM; i++) {
      for (var e : streams.entrySet()) {
        String json = ObservationJson.encode(e.getKey(), t0 + 10L * i, e.getValue().next());
        records.add(record(0, t0 + 10L * i, e.getKey(), json));
      }
      if (i % 50 == 49) {
        records.add(record(0, t0 + 10L * i, "broken", "{\"stream\": \"broken\", \"seq\": " + i));
      }
    }
    return records;
  }

  private static ProducerRecord<byte[], byte[]> record(
      int partition, long timestamp, String key, String value) {
    return new ProducerRecord<>(
        "unset",
        partition,
        timestamp,
        key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  /** Every record its own batch, so that the job's fetch limit paces it record by record. */
  private static void produce(String topic) throws Exception {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "acks", "all",
            "batch.size", "0",
            "linger.ms", "0");
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (var r : input) {
        sent.add(
            producer.send(
                new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value())));
      }
      producer.flush();
      for (var f : sent) f.get(30, TimeUnit.SECONDS);
    }
  }

  record Topics(
      String id,
      String observations,
      String forecasts,
      String alerts,
      String deadLetters,
      String skill) {
    static Topics create(KafkaFixture kafka) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      var t = new Topics(id, "obs-" + id, "fc-" + id, "alerts-" + id, "dlq-" + id, "skill-" + id);
      kafka.createTopics(INPUT_PARTITIONS, t.observations);
      kafka.createTopics(OUTPUT_PARTITIONS, t.forecasts, t.alerts, t.deadLetters, t.skill);
      return t;
    }
  }

  /** A run's committed output, each record as key, value and headers in one comparable string. */
  record Outputs(
      List<String> forecasts, List<String> skill, List<String> alerts, List<String> deadLetters) {

    /**
     * @param expected an earlier run's outputs: read until as many records arrived; null to read
     *     until the topics are quiet
     */
    static Outputs read(KafkaFixture kafka, Topics t, Outputs expected) {
      return new Outputs(
          read(kafka, t.forecasts(), expected == null ? 1 : expected.forecasts().size()),
          read(kafka, t.skill(), expected == null ? 1 : expected.skill().size()),
          read(kafka, t.alerts(), expected == null ? 0 : expected.alerts().size()),
          read(kafka, t.deadLetters(), expected == null ? 1 : expected.deadLetters().size()));
    }

    /** Record for record: nothing lost, nothing duplicated, nothing different. */
    void assertEqualTo(Outputs expected) {
      SoftAssertions.assertSoftly(
          soft -> {
            soft.assertThat(counts()).as("records per output").isEqualTo(expected.counts());
            soft.assertThat(forecasts).containsExactlyInAnyOrderElementsOf(expected.forecasts());
            soft.assertThat(skill).containsExactlyInAnyOrderElementsOf(expected.skill());
            soft.assertThat(alerts).containsExactlyInAnyOrderElementsOf(expected.alerts());
            soft.assertThat(deadLetters)
                .containsExactlyInAnyOrderElementsOf(expected.deadLetters());
          });
    }

    /** Records per output, and dead letters per reason: the first thing to read in a failure. */
    Map<String, Long> counts() {
      Map<String, Long> counts = new java.util.TreeMap<>();
      counts.put("forecasts", (long) forecasts.size());
      counts.put("skill", (long) skill.size());
      counts.put("alerts", (long) alerts.size());
      for (String d : deadLetters) {
        int at = d.indexOf(DeadLetterSerializer.REASON_HEADER + "=");
        String reason = at < 0 ? "?" : d.substring(at).split(" \\| ")[0];
        counts.merge("dead letters " + reason, 1L, Long::sum);
      }
      return counts;
    }

    private static List<String> read(KafkaFixture kafka, String topic, int atLeast) {
      return kafka
          // generous: a job resumed at parallelism 1 is still reading its paced input
          .readCommitted(topic, atLeast, Duration.ofSeconds(2), Duration.ofMinutes(3))
          .stream()
          .map(Outputs::describe)
          .toList();
    }

    private static String describe(ConsumerRecord<byte[], byte[]> r) {
      StringBuilder s = new StringBuilder();
      s.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).append(" | ");
      s.append(new String(r.value(), StandardCharsets.UTF_8));
      for (Header h : r.headers()) {
        // the source topic's name differs from run to run by construction
        if (!h.key().equals(DeadLetterSerializer.TOPIC_HEADER)) {
          s.append(" | ").append(h.key()).append('=');
          s.append(new String(h.value(), StandardCharsets.UTF_8));
        }
      }
      return s.toString();
    }
  }
}
