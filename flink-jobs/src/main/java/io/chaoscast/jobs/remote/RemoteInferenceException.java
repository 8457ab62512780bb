package io.chaoscast.jobs.remote;

/**
 * A remote inference call that did not return forecasts.
 *
 * <p>{@code transient} failures (no connection, a timeout, 502/503/504) may succeed when sent
 * again, and inference is a pure function of its input, so they are retried. A {@code rejected}
 * call got a definite answer from a live server (a 4xx: the request does not fit the model):
 * sending it again cannot help, and it says nothing against the server's health.
 */
public final class RemoteInferenceException extends Exception {

  public enum Kind {
    TRANSIENT,
    SERVER_ERROR,
    REJECTED
  }

  private final Kind kind;

  public RemoteInferenceException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
