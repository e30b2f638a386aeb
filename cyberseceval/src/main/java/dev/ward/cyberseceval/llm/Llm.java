package dev.ward.cyberseceval.llm;

/** A model that answers queries. Implementations are thread-safe; calls block. */
public interface Llm {
  /** The model's name, as the stats and records key it. */
  String name();

  /**
   * Asks one question and returns the answer's text.
   *
   * @throws LlmException when no answer could be had (after retries), or a proxy blocked it
   * @throws InterruptedException when the run is being stopped
   */
  String query(Query query) throws LlmException, InterruptedException;
}
