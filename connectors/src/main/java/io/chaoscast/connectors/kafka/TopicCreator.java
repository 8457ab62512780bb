package io.chaoscast.connectors.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics and waits until every partition has a leader. Producing to a topic whose leader is
 * not elected yet makes the idempotent producer retry with sequence errors and can lose the first
 * batch, so callers must not produce before this returns.
 */
public final class TopicCreator {

  private TopicCreator() {}

  /** Creates the topics that do not exist (replication factor 1) and waits for their leaders. */
  public static void createAndAwait(
      Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout) {
    try {
      List<NewTopic> topics =
          partitionsByTopic.entrySet().stream()
              .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
              .toList();
      for (var future : admin.createTopics(topics).values().values()) {
        try {
          future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
      }
      awaitLeaders(admin, partitionsByTopic.keySet(), timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not create topics " + partitionsByTopic.keySet() + ": " + e, e);
    }
  }

  private static void awaitLeaders(
      Admin admin, java.util.Collection<String> topics, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described =
            admin
                .describeTopics(topics)
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean elected =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        // The controller knows the leader before the broker serves the partition; listing
        // offsets is answered by the partition leader itself, so success means it is serving.
        if (elected && leadersServe(admin, described)) return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException
            || e.getCause() instanceof NotLeaderOrFollowerException
            || e.getCause() instanceof LeaderNotAvailableException)) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have no leader after " + timeout);
      }
      Thread.sleep(50);
    }
  }

  private static boolean leadersServe(Admin admin, Map<String, TopicDescription> described)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.forEach(
        (name, d) ->
            d.partitions()
                .forEach(
                    p ->
                        request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    return true;
  }
}
