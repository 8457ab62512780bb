package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.kafka.JsonRecordSerializer;
import io.chaoscast.connectors.kafka.KafkaEndpoint;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a running job from a version whose exactly-once sinks took a new transactional id per
 * checkpoint (Flink's default, {@link TransactionNamingStrategy#INCREMENTING}) to this one, which
 * pools them ({@link KafkaEndpoint#sink}): the old job is stopped the hard way, with a transaction
 * open that holds records written after its last checkpoint, and the new one restores from that
 * checkpoint. The new sink must abort the old naming's open transaction: otherwise read-committed
 * consumers see nothing past it until it times out ({@link
 * KafkaEndpoint#DEFAULT_TRANSACTION_TIMEOUT_MS}, 5 minutes). And the output must be exactly once:
 * every input record once, whatever the old job wrote before it stopped.
 *
 * <p>Checked against a new job that does not restore (and so does not know the old transactions):
 * its committed output stops where the old open transaction starts, and this test fails.
 */
class TransactionNamingUpgradeIT {

  static final int RECORDS = 2_000;
  static final String PREFIX = "naming-upgrade";

  /** The previous version checkpoints slowly: it is killed between two checkpoints. */
  static final long OLD_CHECKPOINT_INTERVAL_MS = 1_000;

  @TempDir Path checkpoints;

  /** One output record per input record, keyed by its sequence number. */
  public record Echo(String stream, long seq) {}

  @Test
  void shouldRestoreAnIncrementingNamedCheckpointIntoPooledSinksWithoutLossOrStall()
      throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      kafka.createTopics(2, "upgrade-in", "upgrade-out");
      List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        byte[] seq = Long.toString(i).getBytes(StandardCharsets.UTF_8);
        input.add(new ProducerRecord<>("upgrade-in", seq, seq));
      }
      kafka.produce("upgrade-in", input);
      // The previous version, killed (SIGKILL) mid-stream in a JVM of its own: nothing aborts its
      // open transaction, as when a TaskManager's pod is killed.
      Process old = startPreviousVersion(kafka.bootstrapServers());
      try {
        // once it has committed output, it is mid-stream with records in an open transaction
        awaitCheckpoint(3, Duration.ofSeconds(90), old);
        assertThat(kafka.readCommitted("upgrade-out", 100, Duration.ZERO, Duration.ofSeconds(60)))
            .as("output the previous version committed before it was killed")
            .hasSizeGreaterThanOrEqualTo(100)
            .hasSizeLessThan(RECORDS);
        // Right after a checkpoint, once records are in an open transaction: the next
        // checkpoint's metadata is most of an interval away (the restore needs the newest whole).
        awaitCheckpoint(
            newestCheckpoint().map(TransactionNamingUpgradeIT::number).orElse(0) + 1,
            Duration.ofSeconds(30),
            old);
        awaitOpenTransaction(kafka, Duration.ofSeconds(10));
        // The open transaction seen first can be the one that checkpoint pre-committed, about to be
        // committed by its completion; 100 ms later that commit is done and the next transaction
        // has
        // records (the job writes 100 a second), while the next checkpoint is most of a second
        // away.
        Thread.sleep(100);
        awaitOpenTransaction(kafka, Duration.ofSeconds(10));
      } finally {
        old.destroyForcibly().waitFor();
      }
      Path retained = newestCheckpoint().orElseThrow();
      List<String> leftOpen = transactions(kafka, TransactionState.ONGOING);
      assertThat(leftOpen)
          .as("the killed job left a transaction open (records after its last checkpoint)")
          .isNotEmpty();

      StreamExecutionEnvironment after =
          environment(checkpoints.toUri().toString(), Optional.of(retained), 200);
      var endpoint = new KafkaEndpoint(kafka.bootstrapServers(), Map.of());
      build(
          after, endpoint, endpoint.sink(serializer(), DeliveryGuarantee.EXACTLY_ONCE, PREFIX), 0);
      var upgraded = after.executeAsync("after-upgrade");
      try {
        List<Long> seqs =
            kafka
                .readCommitted(
                    "upgrade-out", RECORDS, Duration.ofSeconds(2), Duration.ofSeconds(60))
                .stream()
                .map(r -> PipelineTestSupport.json(r.value()).get("seq").asLong())
                .toList();
        assertThat(seqs)
            .as("committed output, read within a minute (an open old transaction would hide it)")
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, RECORDS).mapToObj(i -> (long) i).toList());
        assertThat(transactions(kafka, TransactionState.ONGOING))
            .as("the killed job's transactions, still open after the upgrade")
            .doesNotContainAnyElementsOf(leftOpen);
      } finally {
        upgraded.cancel().get();
      }
    }
  }

  private static StreamExecutionEnvironment environment(
      String checkpointDir, Optional<Path> restoreFrom, long checkpointIntervalMs) {
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "none");
    conf.setString("execution.checkpointing.dir", checkpointDir);
    restoreFrom.ifPresent(p -> conf.setString("execution.state-recovery.path", p.toString()));
    StreamExecutionEnvironment env = LocalCluster.environment(2, 0, conf);
    env.enableCheckpointing(checkpointIntervalMs);
    return env;
  }

  private static JsonRecordSerializer<Echo> serializer() {
    return new JsonRecordSerializer<>("upgrade-out", Echo::stream);
  }

  /**
   * Reads the input (unbounded, as the service does), echoes each record, slowly when {@code
   * sleepMs} > 0.
   */
  private static void build(
      StreamExecutionEnvironment env, KafkaEndpoint endpoint, KafkaSink<Echo> sink, long sleepMs) {
    env.fromSource(
            endpoint.observationSource("upgrade-in", "upgrade", false),
            WatermarkStrategy.noWatermarks(),
            "input")
        .uid("input")
        .map(new ToEcho(sleepMs))
        .uid("echo")
        .sinkTo(sink)
        .uid("output");
  }

  static final class ToEcho implements MapFunction<SourceRecord, Echo> {
    private final long sleepMs;

    ToEcho(long sleepMs) {
      this.sleepMs = sleepMs;
    }

    @Override
    public Echo map(SourceRecord r) throws Exception {
      if (sleepMs > 0) Thread.sleep(sleepMs);
      String seq = new String(r.value(), StandardCharsets.UTF_8);
      return new Echo(seq, Long.parseLong(seq));
    }
  }

  /** Waits until the old job has completed checkpoint {@code atLeast}. */
  private void awaitCheckpoint(int atLeast, Duration timeout, Process job) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!job.isAlive()) {
        throw new AssertionError(
            "the previous version's job ended early: " + Files.readString(log()));
      }
      if (newestCheckpoint().map(c -> number(c) >= atLeast).orElse(false)) return;
      Thread.sleep(10);
    }
    throw new AssertionError("no checkpoint " + atLeast + " within " + timeout);
  }

  private static void awaitOpenTransaction(KafkaFixture kafka, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (transactions(kafka, TransactionState.ONGOING).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the previous version opened no transaction within " + timeout);
      }
      Thread.sleep(10);
    }
  }

  /** The newest checkpoint with its metadata written (a complete one), of any job. */
  private Optional<Path> newestCheckpoint() throws Exception {
    try (Stream<Path> chk = Files.find(checkpoints, 2, (p, a) -> isCheckpoint(p))) {
      return chk.filter(p -> Files.exists(p.resolve("_metadata")))
          .max(Comparator.comparingInt(TransactionNamingUpgradeIT::number));
    }
  }

  private static boolean isCheckpoint(Path p) {
    return p.getFileName().toString().matches("chk-\\d+");
  }

  private static int number(Path checkpoint) {
    return Integer.parseInt(checkpoint.getFileName().toString().substring(4));
  }

  private Path log() {
    return checkpoints.resolve("previous-version.log");
  }

  /** Runs {@link #main} in a new JVM with this test's class path. */
  private Process startPreviousVersion(String bootstrapServers) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
            .toList());
    command.addAll(
        List.of(
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            TransactionNamingUpgradeIT.class.getName(),
            bootstrapServers,
            checkpoints.toUri().toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log().toFile())
        .start();
  }

  /**
   * The previous version's job: INCREMENTING transactional ids, otherwise the settings of {@link
   * KafkaEndpoint#sink}; echoes slowly, so that it is mid-stream when killed.
   */
  public static void main(String[] args) throws Exception {
    var endpoint = new KafkaEndpoint(args[0], Map.of());
    var producer = endpoint.properties();
    producer.put("transaction.timeout.ms", KafkaEndpoint.DEFAULT_TRANSACTION_TIMEOUT_MS);
    KafkaSink<Echo> incrementing =
        KafkaSink.<Echo>builder()
            .setBootstrapServers(args[0])
            .setKafkaProducerConfig(producer)
            .setRecordSerializer(serializer())
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(PREFIX)
            .setTransactionNamingStrategy(TransactionNamingStrategy.INCREMENTING)
            .build();
    StreamExecutionEnvironment env =
        environment(args[1], Optional.empty(), OLD_CHECKPOINT_INTERVAL_MS);
    build(env, endpoint, incrementing, 20);
    env.execute("before-upgrade");
  }

  private static List<String> transactions(KafkaFixture kafka, TransactionState state)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin.listTransactions().all().get().stream()
          .filter(t -> t.transactionalId().startsWith(PREFIX + "-"))
          .filter(t -> t.state() == state)
          .map(TransactionListing::transactionalId)
          .toList();
    }
  }
}
