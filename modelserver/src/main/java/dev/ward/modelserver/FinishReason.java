package dev.ward.modelserver;

import java.util.Locale;

/** Why an answer ended, as OpenAI's {@code finish_reason} names it. */
enum FinishReason {
  /** An end-of-turn token or a stop string. */
  STOP,
  /** The token budget or the context ran out. */
  LENGTH;

  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
