package dev.ward.modelserver;

/** A request the server will not run: answered 400 with this message, without a stack trace. */
final class BadRequest extends RuntimeException {
  private final String param;

  BadRequest(String param, String message) {
    super(message, null, false, false);
    this.param = param;
  }

  /** The request field at fault, or null. */
  String param() {
    return param;
  }
}
