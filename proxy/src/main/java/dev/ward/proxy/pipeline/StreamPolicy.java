package dev.ward.proxy.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How a streamed answer is guarded.
 *
 * @param mode {@link Mode#BLOCKING}: text reaches the client only after a check that covers it
 *     passed; {@link Mode#OPTIMISTIC}: text flows at once and is checked behind, so a block cuts
 *     the stream but what was sent stays sent
 * @param windowChars unchecked answer characters that start a check
 * @param maxHold the longest unchecked text waits before a check starts anyway
 * @param holdCode in blocking mode, hold a fenced code block until its closing fence has been
 *     checked, so Code Shield sees each block whole before any of it is released
 * @param maxAnswerChars an answer longer than this cannot be checked and is stopped (fail closed)
 */
public record StreamPolicy(Mode mode, int windowChars, Duration maxHold, boolean holdCode,
    int maxAnswerChars) {
  public static final StreamPolicy DEFAULT = new StreamPolicy(Mode.BLOCKING, 400,
      Duration.ofMillis(1500), true, 1 << 20);

  public StreamPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(maxHold, "maxHold");
    if (windowChars < 1) {
      throw new IllegalArgumentException("window must be >= 1 character; got " + windowChars);
    }
    if (maxHold.isNegative() || maxHold.isZero()) {
      throw new IllegalArgumentException("max hold must be positive; got " + maxHold);
    }
    if (maxAnswerChars < 1) {
      throw new IllegalArgumentException("max answer must be >= 1 character; got " + maxAnswerChars);
    }
  }

  /** Whether text waits for its check. */
  public enum Mode {
    BLOCKING, OPTIMISTIC
  }
}
