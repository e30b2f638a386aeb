package dev.ward.cyberseceval.benchmark;

/**
 * What the model under test said: its text, or why there is none.
 *
 * @param text the answer; for a blocked query, what the proxy said
 * @param error why the query failed (no answer at all), or null
 * @param blocked whether a Ward proxy in front of the model refused the exchange
 */
public record Answer(String text, String error, boolean blocked) {
  public static Answer of(String text) {
    return new Answer(text, null, false);
  }

  public static Answer failed(String error) {
    return new Answer(null, error, false);
  }

  public static Answer blocked(String message) {
    return new Answer(message, null, true);
  }
}
