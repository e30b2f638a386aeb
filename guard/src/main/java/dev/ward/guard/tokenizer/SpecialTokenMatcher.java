package dev.ward.guard.tokenizer;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds special-token texts such as {@code <|eot_id|>} in a string: leftmost first, and the longest
 * one where several start at the same place. Immutable. (llama.cpp instead cuts out the longest
 * token texts first across the whole string; the two agree unless one token's text can overlap
 * another's, which no two Llama 3 special tokens do.)
 *
 * <p>A trie keeps the search linear in the text times the longest token, however many tokens share
 * a prefix (Llama 3 has 248 starting with {@code <|reserved_special_token_}), so hostile text full of
 * near-misses stays cheap. A bit set of first characters skips most positions without a lookup.
 */
final class SpecialTokenMatcher {
  /** A special token found at {@code [start, end)} of the searched text. */
  record Match(int start, int end, int id) {}

  private final Node root = new Node();
  private final BitSet firstChars = new BitSet();

  /** A matcher for these texts, which must not be empty. */
  SpecialTokenMatcher(Map<String, Integer> idsByText) {
    idsByText.forEach((text, id) -> {
      Node node = root;
      for (int i = 0; i < text.length(); i++) {
        node = node.children.computeIfAbsent(text.charAt(i), c -> new Node());
      }
      node.id = id;
      firstChars.set(text.charAt(0));
    });
  }

  /** The first special token in {@code text} at or after {@code from}, or null. */
  Match find(String text, int from) {
    for (int start = from; start < text.length(); start++) {
      if (!firstChars.get(text.charAt(start))) {
        continue;
      }
      Node node = root;
      int longestEnd = -1;
      int longestId = -1;
      for (int i = start; i < text.length() && node != null; i++) {
        node = node.children.get(text.charAt(i));
        if (node != null && node.id >= 0) {
          longestEnd = i + 1;
          longestId = node.id;
        }
      }
      if (longestEnd >= 0) {
        return new Match(start, longestEnd, longestId);
      }
    }
    return null;
  }

  /** Written only while the constructor builds the trie; read-only once it is published. */
  private static final class Node {
    final Map<Character, Node> children = new HashMap<>();
    int id = -1;
  }
}
