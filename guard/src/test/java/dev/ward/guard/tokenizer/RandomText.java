package dev.ward.guard.tokenizer;

import java.util.SplittableRandom;

/** Random strings that exercise every branch of the Llama 3 split and the byte-level BPE. */
final class RandomText {
  /**
   * Fragments that the split treats differently: letters of several scripts and cases,
   * contractions (also upper case, and with the long s that case-folds to s), numbers of the three
   * Unicode kinds, every kind of whitespace including the non-ASCII ones and CR LF, punctuation,
   * emoji with ZWJ and variation selectors, combining marks, and unpaired surrogates.
   */
  private static final String[] FRAGMENTS = {
      "a", "Z", "hello", "World", "é", "Cửa", "Việt", "нещо", "ёжик", "日本語", "の", "ក", "ា",
      "\u0301", "ß", "İ", "ſ", "K", "ǅ", "ʰ",
      "'", "'s", "'S", "'t", "'re", "'RE", "'ve", "'m", "'ll", "'Ll", "'d", "'ſ", "'x", "y'all",
      "0", "7", "42", "1234567", "١٢٣", "²", "½", "Ⅻ", "٣",
      " ", " ", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\u000b", "\u000c", "\u0085",
      "\u00a0", "\u1680", "\u2000", "\u2009", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000",
      "\u200b", "\u200d", "\ufe0f",
      ".", ",", "!", "?", "(", ")", "**", "#", "<|", "|>", "<|eot_id|>", "<|begin_of_text|>", "~",
      "–", "“", "…", "™", "$", "🦙", "😶‍🌫️", "🚀", "✅", "\ud800", "\udc00",
  };

  private RandomText() {}

  /** Up to {@code maxFragments} random fragments, joined. */
  static String mixed(SplittableRandom random, int maxFragments) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(maxFragments + 1); n > 0; n--) {
      text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
    }
    return text.toString();
  }

  /** {@code text} without unpaired surrogates, which no UTF-8 round trip can keep. */
  static String wellFormed(String text) {
    return text.replace("\ud800", "").replace("\udc00", "");
  }

  /** {@code text} with everything outside printable ASCII as {@code \\uXXXX}, for messages. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      escaped.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return escaped.toString();
  }
}
