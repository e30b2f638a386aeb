package dev.ward.cli;

/**
 * Bad input the user can fix (a missing file, malformed JSON on stdin, an unknown name): printed
 * as one line, without a stack trace, with exit code 2.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
