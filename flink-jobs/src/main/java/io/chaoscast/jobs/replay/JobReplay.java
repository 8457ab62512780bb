package io.chaoscast.jobs.replay;

import io.chaoscast.connectors.kafka.TopicSnapshot;
import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.connectors.serde.ObservationJson;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.pipeline.LocalCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays series through the real {@link ForecastingJob} as fast as possible: writes them to a
 * fresh observations topic as one stream each, merged in event time (so that no record is late for
 * the shared watermark), runs the job on a local MiniCluster with bounded input until it has read
 * them all, and returns what it committed to the alerts topic. Event time is {@code t0Millis} plus
 * each sample's time, rounded to the millisecond.
 */
public final class JobReplay {

  private static final int PROGRESS_EVERY = 200_000;

  private final String bootstrapServers;
  private final int parallelism;
  private final JobConfig.Delivery delivery;
  private final JobConfig.DriftSettings drift;
  private final PrintStream progress;

  /**
   * @param drift the monitor and storm-guard settings of the job
   * @param progress where progress lines go (null: silent)
   */
  public JobReplay(
      String bootstrapServers,
      int parallelism,
      JobConfig.Delivery delivery,
      JobConfig.DriftSettings drift,
      PrintStream progress) {
    this.bootstrapServers = bootstrapServers;
    this.parallelism = parallelism;
    this.delivery = delivery;
    this.drift = drift;
    this.progress = progress;
  }

  /** Event time of sample {@code t} of a stream. */
  public static long eventMillis(long t0Millis, double seconds) {
    return t0Millis + Math.round(seconds * 1000);
  }

  /**
   * @param afterParse hook on the job's parsed stream (identity, or a failure injector in tests)
   * @return the committed alerts, in topic order
   */
  public List<Alert> run(
      List<ReplayStream> streams, long t0Millis, UnaryOperator<DataStream<Observation>> afterParse)
      throws Exception {
    JobConfig config = config();
    createTopics(config);
    long records = produce(streams, t0Millis, config.topics().observations());
    long start = System.nanoTime();
    log("running the job over %d records (parallelism %d) ...", records, parallelism);
    ForecastingJob.fromConfig(config, afterParse)
        .execute(LocalCluster.environment(parallelism, 0, new Configuration()));
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Alert> alerts = readAlerts(config.topics().alerts());
    log(
        "job done in %.1f s (%.0f records/s); %d alert events, %d dead letters",
        seconds, records / seconds, alerts.size(), endOffset(config.topics().deadLetters()));
    return alerts;
  }

  private JobConfig config() {
    JobConfig d = JobConfig.defaults();
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new JobConfig(
        new JobConfig.Kafka(bootstrapServers, "replay-" + id, "replay-" + id, Map.of(), true),
        new JobConfig.TopicNames(
            "replay-obs-" + id,
            "replay-fc-" + id,
            "replay-alerts-" + id,
            "replay-dlq-" + id,
            "replay-skill-" + id,
            ""),
        delivery,
        d.checkpointIntervalMs(),
        parallelism,
        d.networkBufferTimeoutMs(),
        d.streamStateTtlMs(),
        // A replay's Kafka timestamps are the event times, recorded in the past or the future of
        // today's clock: no skew checks. The watermark guard stays on: it uses event times only.
        new JobConfig.EventTime(
            d.eventTime().maxOutOfOrdernessMs(),
            0,
            d.eventTime().idleTimeoutMs(),
            d.eventTime().ordering(),
            0,
            d.eventTime().maxWatermarkAdvanceMs()),
        d.forecast(),
        d.batching(),
        d.quality(),
        d.remoteInference(),
        d.models(),
        d.modelRoot(),
        d.routing(),
        drift,
        d.limits(),
        d.tolerableFailedCheckpoints(),
        d.checkpointDir());
  }

  private void createTopics(JobConfig config) throws Exception {
    var t = config.topics();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      List<NewTopic> topics = new ArrayList<>();
      // One partition keeps the merged records in event-time order for the source: the job's
      // watermark is per source subtask, and a subtask reading several partitions interleaves
      // them batch by batch, which would make records late.
      for (String name :
          List.of(t.observations(), t.forecasts(), t.alerts(), t.deadLetters(), t.skill())) {
        // Kafka's time-based retention would delete a recording's old timestamps at once.
        topics.add(new NewTopic(name, 1, (short) 1).configs(Map.of("retention.ms", "-1")));
      }
      admin.createTopics(topics).all().get();
    }
  }

  /** A cursor into one stream for the time-ordered merge. */
  private record Cursor(ReplayStream stream, int index, long millis) {}

  private long produce(List<ReplayStream> streams, long t0Millis, String topic) {
    long total = 0;
    for (ReplayStream s : streams) total += s.times().length;
    PriorityQueue<Cursor> queue =
        new PriorityQueue<>(
            (a, b) ->
                a.millis != b.millis
                    ? Long.compare(a.millis, b.millis)
                    : a.stream.stream().compareTo(b.stream.stream()));
    for (ReplayStream s : streams) {
      queue.add(new Cursor(s, 0, eventMillis(t0Millis, s.times()[0])));
    }
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("linger.ms", "20");
    props.put("batch.size", "262144");
    props.put("compression.type", "lz4");
    long sent = 0;
    long start = System.nanoTime();
    try (var producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (!queue.isEmpty()) {
        Cursor c = queue.poll();
        ReplayStream s = c.stream();
        String json = ObservationJson.encode(s.stream(), c.millis(), s.values()[c.index()]);
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                c.millis(),
                s.stream().getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8)));
        if (c.index() + 1 < s.times().length) {
          int next = c.index() + 1;
          queue.add(new Cursor(s, next, eventMillis(t0Millis, s.times()[next])));
        }
        if (++sent % PROGRESS_EVERY == 0) {
          double seconds = (System.nanoTime() - start) / 1e9;
          double rate = sent / seconds;
          log(
              "produced %d/%d records, %.0f records/s, ETA %.0f s",
              sent, total, rate, (total - sent) / rate);
        }
      }
      producer.flush();
    }
    return sent;
  }

  private List<Alert> readAlerts(String topic) {
    Properties client = new Properties();
    client.put("bootstrap.servers", bootstrapServers);
    List<Alert> alerts = new ArrayList<>();
    try {
      for (var r : TopicSnapshot.read(client, topic)) {
        alerts.add(Json.mapper().readValue(r.value(), Alert.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return alerts;
  }

  private long endOffset(String topic) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      return consumer.endOffsets(List.of(partition)).get(partition);
    }
  }

  private void log(String format, Object... args) {
    if (progress != null) progress.println(String.format(Locale.ROOT, format, args));
  }
}
