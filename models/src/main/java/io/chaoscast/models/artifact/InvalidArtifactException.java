package io.chaoscast.models.artifact;

/** A model artifact that cannot be used: the message says what is wrong and where. */
public final class InvalidArtifactException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidArtifactException(String message) {
    super(message);
  }

  public InvalidArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
