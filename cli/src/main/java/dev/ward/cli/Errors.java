package dev.ward.cli;

import dev.ward.guard.gguf.GgufException;
import dev.ward.guard.llamaguard.ConversationException;
import dev.ward.taxonomy.ConfigException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr and an exit code. Expected problems with the input
 * exit 2; anything else is a bug or an environment failure and exits 1, with the stack trace only
 * when {@code WARD_DEBUG} is set.
 */
final class Errors implements IExecutionExceptionHandler {
  /** Something was flagged (a finding at the fail level, a blocked conversation), or a bug. */
  static final int FAILURE = 1;
  static final int USAGE = 2;
  /** Nothing was flagged, but something could not be checked: never read that as clean. */
  static final int UNCHECKED = 3;

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    var err = command.getErr();
    if (isUsage(e)) {
      err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      err.flush();
      return USAGE;
    }
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    err.println(command.getCommandSpec().qualifiedName() + ": " + describe(cause));
    if (System.getenv("WARD_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILURE;
  }

  private static boolean isUsage(Exception e) {
    return e instanceof UsageException || e instanceof ConfigException
        || e instanceof GgufException || e instanceof ConversationException;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
