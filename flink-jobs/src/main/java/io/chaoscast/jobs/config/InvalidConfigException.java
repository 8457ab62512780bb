package io.chaoscast.jobs.config;

/** The configuration cannot be used; the message says which key to fix and how. */
public final class InvalidConfigException extends RuntimeException {

  public InvalidConfigException(String message) {
    super(message);
  }
}
