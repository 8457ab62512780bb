package io.chaoscast.jobs.serving;

/**
 * A request that cannot be served, with the status code it maps to; {@code retryable} answers carry
 * a {@code Retry-After} header (the server is busy, not the request wrong).
 */
final class RequestException extends Exception {

  private static final long serialVersionUID = 1L;

  final int status;
  final boolean retryable;

  RequestException(int status, String message) {
    this(status, message, false);
  }

  private RequestException(int status, String message, boolean retryable) {
    super(message, null, false, false);
    this.status = status;
    this.retryable = retryable;
  }

  static RequestException badRequest(String message) {
    return new RequestException(400, message);
  }

  /** 503 with {@code Retry-After}: overloaded or not ready; the same request may succeed later. */
  static RequestException unavailable(String message) {
    return new RequestException(503, message, true);
  }
}
