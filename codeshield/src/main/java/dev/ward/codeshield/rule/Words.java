package dev.ward.codeshield.rule;

import java.util.HashSet;
import java.util.Set;

/** The identifier-like words of a text, for {@link Prefilter}s: one linear pass, no regex. */
public final class Words {
  private Words() {}

  public static Set<String> of(String text) {
    Set<String> words = new HashSet<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        if (i - start >= 3 && i - start <= 64) {
          words.add(text.substring(start, i));
        }
      } else {
        i++;
      }
    }
    return words;
  }
}
