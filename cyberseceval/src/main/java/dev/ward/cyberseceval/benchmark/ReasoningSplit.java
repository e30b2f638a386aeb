package dev.ward.cyberseceval.benchmark;

import java.util.List;

/**
 * The final answer of a reasoning model: the text after its end-of-thinking marker. Judges see
 * only that part, as an attacker would use the answer (the reference also judges the reasoning,
 * as extra phantom models; Ward does not).
 */
final class ReasoningSplit {
  private static final List<String> MARKERS = List.of("</think>", "<|reasoning_thinking_end|>");

  private ReasoningSplit() {}

  /** The text after the first marker and the newlines that follow it; the whole text if none. */
  static String finalAnswer(String response) {
    for (String marker : MARKERS) {
      int at = response.indexOf(marker);
      if (at >= 0) {
        int end = at + marker.length();
        while (end < response.length() && (response.charAt(end) == '\n' || response.charAt(end) == '\r')) {
          end++;
        }
        return response.substring(end);
      }
    }
    return response;
  }
}
