package dev.ward.modelserver;

/**
 * Hears what one generation produces, on the engine's scheduler thread: keep each call short
 * (hand I/O to another thread). After {@link #finished} or {@link #failed} nothing more comes.
 */
interface GenerationSink {
  /**
   * A token was chosen.
   *
   * @param endOfGeneration the token ends the answer ({@code <|eot_id|>} and the like); it is not
   *     part of the text
   * @return false to stop generating (a stop string was reached)
   */
  boolean token(TokenChoice choice, boolean endOfGeneration);

  /** The generation ended normally, with this many prompt and generated tokens. */
  void finished(FinishReason reason, int promptTokens, int completionTokens);

  /** The generation could not go on. */
  void failed(Throwable error);
}
