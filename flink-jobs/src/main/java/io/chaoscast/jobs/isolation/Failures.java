package io.chaoscast.jobs.isolation;

import io.chaoscast.connectors.schema.DeadLetter;
import org.apache.flink.util.ExceptionUtils;

/**
 * Which throwables one record may be blamed for. Every {@link Exception} and the non-fatal {@link
 * Error}s a record can provoke (a {@link StackOverflowError} from deep input, an {@link
 * AssertionError} in a model) are isolated; the JVM's fatal errors, {@link OutOfMemoryError}, a
 * broken class path ({@link LinkageError}) and interruption are the job's and are rethrown, so that
 * Flink fails and restarts the task as it should.
 */
public final class Failures {

  private Failures() {}

  /** Rethrows {@code t} unless one record or stream may be blamed for it. */
  public static void rethrowIfFatal(Throwable t) throws Exception {
    if (ExceptionUtils.isJvmFatalOrOutOfMemoryError(t) || t instanceof LinkageError) {
      throw (Error) t;
    }
    if (t instanceof InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /**
   * The dead letter's message: {@code internal_error: <ExceptionClass>: <message>}, bounded as
   * every dead-letter message is ({@link DeadLetter#boundMessage}).
   */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    String text = "internal_error: " + t.getClass().getName();
    if (message == null || message.isBlank()) return text;
    return DeadLetter.boundMessage(text + ": " + message.strip());
  }
}
