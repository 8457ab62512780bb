package io.chaoscast.models.mamba.cuda;

/** No usable CUDA driver or device; the message says why (e.g. "no CUDA driver: ..."). */
public final class CudaUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CudaUnavailableException(String reason) {
    super(reason);
  }

  public CudaUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
