package dev.ward.proxy.pipeline;

/**
 * The upstream could not give an answer Ward can pass on: unreachable, too slow, or an answer
 * past the limits. Carries the status the client gets (502 or 504); no stack trace.
 */
public final class UpstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public UpstreamException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
