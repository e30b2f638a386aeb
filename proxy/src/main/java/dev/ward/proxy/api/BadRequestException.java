package dev.ward.proxy.api;

/**
 * A request body Ward cannot read: not JSON, or not the shape of its API. An expected refusal,
 * answered with HTTP 400 in the API's error format; it carries no stack trace.
 */
public final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message, null, false, false);
  }
}
