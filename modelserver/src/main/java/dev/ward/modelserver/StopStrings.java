package dev.ward.modelserver;

import java.util.List;

/**
 * Cuts generated text at the first stop string, for streaming: text that could still turn out
 * to be the start of a stop string is held back until the next piece tells.
 */
final class StopStrings {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private boolean stopped;

  StopStrings(List<String> stops) {
    this.stops = List.copyOf(stops);
  }

  /** Takes the next piece of text and returns what may be released now. */
  String feed(String piece) {
    if (stopped) {
      return "";
    }
    held.append(piece);
    int cut = -1;
    for (String stop : stops) {
      int at = held.indexOf(stop);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
      }
    }
    if (cut >= 0) {
      stopped = true;
      String out = held.substring(0, cut);
      held.setLength(0);
      return out;
    }
    int keep = 0;
    for (String stop : stops) {
      for (int k = Math.min(stop.length() - 1, held.length()); k > keep; k--) {
        if (held.toString().regionMatches(held.length() - k, stop, 0, k)) {
          keep = k;
          break;
        }
      }
    }
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** What is still held back once the answer has ended without a stop string. */
  String flush() {
    String out = stopped ? "" : held.toString();
    held.setLength(0);
    return out;
  }

  boolean stopped() {
    return stopped;
  }
}
