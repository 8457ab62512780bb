package io.chaoscast.jobs.testing;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in this JVM (the MiniCluster's), for graph tests without a
 * broker. The sink itself is serialised into the job, so the records live in a map keyed by the
 * sink's id; {@link #close} removes them.
 */
public final class CollectingSink<T> implements Sink<T>, AutoCloseable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    RECEIVED.put(id, new ConcurrentLinkedQueue<>());
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> into = RECEIVED.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        into.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }

  /** What the sink received so far, in arrival order. */
  @SuppressWarnings("unchecked")
  public List<T> received() {
    return (List<T>) List.copyOf(RECEIVED.get(id));
  }

  @Override
  public void close() {
    RECEIVED.remove(id);
  }
}
