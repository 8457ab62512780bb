package io.chaoscast.jobs.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.serde.InvalidRecordException;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.connectors.serde.ObservationParser;
import io.chaoscast.jobs.ingest.ParseObservations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The trainer service: one consumer thread reads the observations topic (as a member of the
 * trainers' consumer group, so several trainers split the partitions) into bounded per-stream
 * histories, and a second consumer reads the models, promotions and forecast-skill topics (every
 * partition, no group). Every {@code schedule} the streams that are due (a full history never
 * trained, or {@code retrain_after} samples newer than its last announced training) are handed to
 * at most {@code max_concurrent_fits} fitting threads, worst live skill first; each fit ends with
 * an announcement ({@link ChallengerPublisher}).
 *
 * <p>Restarts: the group's committed offset of each partition is the offset of the oldest sample
 * any of its histories still holds (committed after each round), so a restarted trainer reads every
 * history back as it was, and the models topic tells it which of them were already trained ({@link
 * WorkLedger}): finished work is not done again. Unannounced fits are lost and redone.
 */
public final class Trainer {

  private final TrainerOptions options;
  private final PrintStream log;
  private final Histories histories;
  private final WorkLedger ledger = new WorkLedger();
  private final LiveSkill skill;
  private final ChallengerSlots slots;
  private final ObservationParser parser;
  private final CandidateFitter fitter;
  private final int holdout;

  private volatile boolean stopped;
  private volatile KafkaConsumer<byte[], byte[]> observations;
  private final Map<String, Long> failedUpTo = new java.util.concurrent.ConcurrentHashMap<>();

  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong badRecords = new AtomicLong();
  private final AtomicInteger announced = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger fitsStarted = new AtomicInteger();
  private final List<Announcement> announcements =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile int due;
  private volatile boolean ready;
  private volatile int assigned;
  private final Map<ChallengerSlots.Skip, Integer> skipped =
      new java.util.EnumMap<>(ChallengerSlots.Skip.class);

  public Trainer(TrainerOptions options, PrintStream log) {
    List<String> problems = options.problems();
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    this.options = options;
    this.log = log;
    this.histories = new Histories(options.maxStreams(), options.historySamples());
    this.skill = new LiveSkill(options.maxStreams());
    this.slots = new ChallengerSlots(options.job(), options.maxStreams());
    this.parser = new ObservationParser(options.job().limits().recordLimits());
    this.holdout = options.holdoutSamples();
    this.fitter =
        new CandidateFitter(
            options.candidates(),
            options.job().forecast().contextLength(),
            options.job().forecast().horizonSteps(),
            holdout);
  }

  /** Stops a running trainer: fits in flight finish (or are abandoned after a minute). */
  public void stop() {
    stopped = true;
    var c = observations;
    if (c != null) c.wakeup();
  }

  /** Whether the trainer has read the models topic back and started consuming observations. */
  public boolean ready() {
    return ready;
  }

  public int announced() {
    return announced.get();
  }

  /** Samples taken into a history since the start (a restart reads some of them again). */
  public long samplesAccepted() {
    return samples.get();
  }

  /** Observation partitions this trainer reads now (its share of the group's). */
  public int partitionsAssigned() {
    return assigned;
  }

  /** Fits handed to the fitting threads since the start. */
  public int fitsStarted() {
    return fitsStarted.get();
  }

  public int failedFits() {
    return failed.get();
  }

  /** The announcements this trainer made, oldest first. */
  public List<Announcement> announcements() {
    synchronized (announcements) {
      return List.copyOf(announcements);
    }
  }

  /** Runs until {@link #stop}. */
  public void run() throws IOException, InterruptedException {
    var job = options.job();
    Path root = Path.of(job.modelRoot()).toRealPath();
    Files.createDirectories(options.storeDir());
    Path store = options.storeDir().toRealPath();
    if (!store.startsWith(root)) {
      throw new IllegalArgumentException(
          "--store " + store + " is not under model_root " + root + " (real paths)");
    }
    Properties base = job.kafka().endpoint().properties();
    ExecutorService fits =
        Executors.newFixedThreadPool(
            options.maxConcurrentFits(),
            r -> {
              Thread t = new Thread(r, "trainer-fit");
              t.setDaemon(true);
              return t;
            });
    long started = System.currentTimeMillis();
    try (var producer =
            new KafkaProducer<>(
                producerProperties(base), new ByteArraySerializer(), new ByteArraySerializer());
        var control =
            new KafkaConsumer<>(
                controlProperties(base), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        var consumer =
            new KafkaConsumer<>(
                groupProperties(base), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      observations = consumer;
      var publisher =
          new ChallengerPublisher(
              store, job.topics().models(), producer, options.keepVersions(), log);
      readControlTopicsBack(control);
      log.printf(
          Locale.ROOT,
          "trainer: %d streams trained before (read back from %s); group %s; store %s%n",
          ledger.streamsTrained(),
          job.topics().models(),
          options.groupId(),
          store);
      String topic = job.topics().observations();
      consumer.subscribe(List.of(topic), new Rebalance(consumer));
      ready = true;
      long nextRound = System.currentTimeMillis() + options.schedule().toMillis();
      long nextStatus = System.currentTimeMillis() + options.statusEvery().toMillis();
      while (!stopped) {
        try {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            accept(r);
          }
        } catch (WakeupException e) {
          if (stopped) break;
        }
        for (var r : control.poll(Duration.ZERO)) onControl(r);
        long now = System.currentTimeMillis();
        if (now >= nextRound) {
          round(fits, publisher, store);
          commit(consumer, consumer.assignment());
          nextRound = now + options.schedule().toMillis();
        }
        if (now >= nextStatus) {
          status(started);
          nextStatus = now + options.statusEvery().toMillis();
        }
      }
      fits.shutdown();
      if (!fits.awaitTermination(60, TimeUnit.SECONDS)) {
        log.println("trainer: fits still running after a minute are abandoned (redone later)");
      }
      commit(consumer, consumer.assignment());
      status(started);
    } finally {
      fits.shutdownNow();
      observations = null;
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> r) {
    Observation o;
    try {
      o =
          parser.parse(
              new SourceRecord(
                  r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
    } catch (InvalidRecordException | RuntimeException e) {
      badRecords.incrementAndGet();
      return;
    }
    if (!plausibleTime(o.timestampMillis(), r.timestamp())) {
      badRecords.incrementAndGet();
      return;
    }
    if (slots.lookup(o.stream()).skip() == ChallengerSlots.Skip.NO_SLOT) return;
    if (histories.append(o.stream(), r.partition(), o.timestampMillis(), o.values(), r.offset())) {
      samples.incrementAndGet();
    }
  }

  /**
   * The job's event-time bounds (event_time.max_timestamp_skew_ms and max_future_skew_ms, the same
   * checks as {@link ParseObservations}): a record the job dead-letters for its time would
   * otherwise enter the history, and one far in the future would make every later sample look old.
   */
  private boolean plausibleTime(long ts, long kafkaTs) {
    var e = options.job().eventTime();
    if (ParseObservations.skewed(ts, kafkaTs, e.maxTimestampSkewMs())) return false;
    return e.maxFutureSkewMs() <= 0
        || ParseObservations.ahead(ts, kafkaTs, System.currentTimeMillis()) <= e.maxFutureSkewMs();
  }

  /** Hands the most urgent due streams to free fitting threads. */
  private void round(ExecutorService fits, ChallengerPublisher publisher, Path store) {
    record Due(String stream, String slot, double vpt) {}
    List<Due> list = new ArrayList<>();
    Map<ChallengerSlots.Skip, Integer> skips = new java.util.EnumMap<>(ChallengerSlots.Skip.class);
    histories.forEach(
        (stream, h) -> {
          if (h.size() < h.capacity()) return;
          var lookup = slots.lookup(stream);
          if (lookup.skip() != null) {
            skips.merge(lookup.skip(), 1, Integer::sum);
            return;
          }
          long done =
              Math.max(
                  upTo(ledger.trainedUpTo(stream)),
                  failedUpTo.getOrDefault(stream, Long.MIN_VALUE));
          if (done != Long.MIN_VALUE && h.newerThan(done) < options.retrainAfter()) return;
          list.add(
              new Due(
                  stream, lookup.slot(), skill.vptSteps(stream).orElse(Double.POSITIVE_INFINITY)));
        });
    synchronized (skipped) {
      skipped.clear();
      skipped.putAll(skips);
    }
    // Worst live skill first; streams the job has not scored yet after them, in id order.
    list.sort(Comparator.comparingDouble(Due::vpt).thenComparing(Due::stream));
    due = list.size();
    int free = options.maxConcurrentFits() - ledger.running();
    for (Due d : list) {
      if (free <= 0) break;
      if (!ledger.claim(d.stream())) continue;
      free--;
      var snapshot = histories.get(d.stream()).snapshot();
      fitsStarted.incrementAndGet();
      fits.execute(() -> fitAndPublish(d.stream(), d.slot(), snapshot, publisher, store));
    }
  }

  private static long upTo(OptionalLong end) {
    return end.isPresent() ? end.getAsLong() : Long.MIN_VALUE;
  }

  private void fitAndPublish(
      String stream,
      String slot,
      StreamHistory.Snapshot snapshot,
      ChallengerPublisher publisher,
      Path store) {
    Path work = store.resolve(".work").resolve(UUID.randomUUID().toString());
    long start = System.nanoTime();
    try {
      var outcome = fitter.fit(stream, snapshot, work);
      if (outcome.best().isEmpty()) {
        failed.incrementAndGet();
        failedUpTo.merge(stream, snapshot.lastMillis(), Math::max);
        log.println("trainer: " + stream + ": no candidate could be fitted: " + outcome.failures());
        return;
      }
      var best = outcome.best().get();
      var a = publisher.publish(slot, stream, snapshot, holdout, best, outcome.persistence());
      ledger.finished(stream, snapshot.lastMillis());
      announced.incrementAndGet();
      announcements.add(a);
      log.printf(
          Locale.ROOT,
          "trainer: %s -> %s version %s (%s; held-out VPT %.1f steps, persistence %.1f; %s; %.1f s)%n",
          stream,
          slot,
          a.version(),
          best.type(),
          best.holdout().vptSteps(),
          outcome.persistence().vptSteps(),
          scores(outcome.candidates()),
          (System.nanoTime() - start) / 1e9);
    } catch (Exception | LinkageError e) {
      failed.incrementAndGet();
      failedUpTo.merge(stream, snapshot.lastMillis(), Math::max);
      log.println("trainer: " + stream + ": training failed: " + e);
    } finally {
      try {
        ChallengerPublisher.deleteRecursively(work);
      } catch (IOException e) {
        log.println("trainer: could not remove " + work + ": " + e.getMessage());
      }
      ledger.release(stream);
    }
  }

  private static String scores(List<CandidateFitter.Candidate> candidates) {
    List<String> s = new ArrayList<>();
    for (var c : candidates) {
      s.add(String.format(Locale.ROOT, "%s %.1f", c.type(), c.holdout().vptSteps()));
    }
    return String.join(", ", s);
  }

  private void status(long started) {
    Map<ChallengerSlots.Skip, Integer> skips;
    synchronized (skipped) {
      skips = Map.copyOf(skipped);
    }
    log.printf(
        Locale.ROOT,
        "trainer [%5ds] streams %d (evicted %d) | samples %d, bad %d | fits running %d, due %d,"
            + " started %d | announced %d, failed %d | not trained: shared slot %d, champion %d%n",
        (System.currentTimeMillis() - started) / 1000,
        histories.size(),
        histories.evicted(),
        samples.get(),
        badRecords.get(),
        ledger.running(),
        due,
        fitsStarted.get(),
        announced.get(),
        failed.get(),
        skips.getOrDefault(ChallengerSlots.Skip.SHARED_SLOT, 0),
        skips.getOrDefault(ChallengerSlots.Skip.SERVES_AS_CHAMPION, 0));
  }

  /**
   * Commits, per partition, the offset of the oldest sample still kept (or the position, when none
   * is), so a restart rebuilds the histories.
   */
  private void commit(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> parts) {
    try {
      commitOnce(consumer, parts);
    } catch (WakeupException e) {
      // stop() woke the consumer while it was not polling; the wakeup is used up now.
      commitOnce(consumer, parts);
    }
  }

  private void commitOnce(
      KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> parts) {
    if (parts.isEmpty()) return;
    Map<Integer, Long> oldest = histories.oldestOffsets();
    Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
    for (TopicPartition tp : parts) {
      Long o = oldest.get(tp.partition());
      marks.put(tp, new OffsetAndMetadata(o != null ? o : consumer.position(tp)));
    }
    consumer.commitSync(marks);
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> consumer;

    Rebalance(KafkaConsumer<byte[], byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commit(consumer, partitions);
      Set<Integer> gone = new HashSet<>();
      partitions.forEach(p -> gone.add(p.partition()));
      histories.dropPartitions(gone);
      assigned = consumer.assignment().size() - partitions.size();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // The consumer resumes at the committed offsets: the oldest samples the histories need.
      assigned = consumer.assignment().size();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      Set<Integer> gone = new HashSet<>();
      partitions.forEach(p -> gone.add(p.partition()));
      histories.dropPartitions(gone);
    }
  }

  /**
   * Reads the models and promotions topics to their ends, so the ledger and the champions are known
   * before anything is trained; the skill topic is read from its end (only live skill counts).
   */
  private void readControlTopicsBack(KafkaConsumer<byte[], byte[]> control) {
    var topics = options.job().topics();
    List<TopicPartition> fromStart = new ArrayList<>(partitions(control, topics.models(), true));
    if (topics.hasPromotionsTopic())
      fromStart.addAll(partitions(control, topics.promotions(), false));
    List<TopicPartition> fromEnd =
        topics.skill() == null || topics.skill().isBlank()
            ? List.of()
            : partitions(control, topics.skill(), false);
    List<TopicPartition> all = new ArrayList<>(fromStart);
    all.addAll(fromEnd);
    control.assign(all);
    // Both with a non-empty list: an empty one would seek every assigned partition.
    control.seekToBeginning(fromStart);
    if (!fromEnd.isEmpty()) control.seekToEnd(fromEnd);
    Map<TopicPartition, Long> ends = new HashMap<>(control.endOffsets(fromStart));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!caughtUp(control, ends)) {
      if (System.nanoTime() > deadline) {
        ends.keySet().removeIf(tp -> !tp.topic().equals(topics.models()));
        if (!caughtUp(control, ends)) {
          throw new IllegalStateException(
              "could not read " + topics.models() + " back within 2 minutes");
        }
        log.println(
            "trainer: " + topics.promotions() + " not read to its end in 2 minutes; going on");
        break;
      }
      for (var r : control.poll(Duration.ofMillis(200))) onControl(r);
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> control, Map<TopicPartition, Long> ends) {
    for (var e : ends.entrySet()) {
      if (control.position(e.getKey()) < e.getValue()) return false;
    }
    return true;
  }

  private List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> control, String topic, boolean required) {
    var infos = control.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      if (required)
        throw new IllegalArgumentException("--config: topic " + topic + " does not exist");
      log.println("trainer: topic " + topic + " does not exist; going on without it");
      return List.of();
    }
    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }

  private void onControl(ConsumerRecord<byte[], byte[]> r) {
    JsonNode json;
    try {
      json = Json.mapper().readTree(r.value());
    } catch (IOException | RuntimeException e) {
      return; // the job dead-letters what it cannot read; here it is just not ours
    }
    var topics = options.job().topics();
    if (r.topic().equals(topics.models())) {
      ledger.onAnnouncement(json);
    } else if (r.topic().equals(topics.promotions())) {
      slots.onSwitch(json);
    } else {
      skill.onSkill(json);
    }
  }

  private Properties groupProperties(Properties base) {
    Properties p = new Properties();
    p.putAll(base);
    p.put("group.id", options.groupId());
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", "earliest");
    return p;
  }

  private static Properties controlProperties(Properties base) {
    Properties p = new Properties();
    p.putAll(base);
    p.remove("group.id");
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    return p;
  }

  private static Properties producerProperties(Properties base) {
    Properties p = new Properties();
    p.putAll(base);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    return p;
  }
}
