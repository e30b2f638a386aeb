package dev.ward.codeshield.lang;

/**
 * A fenced code block from a Markdown answer.
 *
 * @param tag the fence's info-string word ({@code python}, {@code c++}), or empty
 * @param code the block's text, without the fences
 * @param firstLine 1-based line of the answer where {@code code} starts
 */
public record CodeBlock(String tag, String code, int firstLine) {
  public CodeBlock {
    if (tag == null || code == null) {
      throw new IllegalArgumentException("code block needs a tag (possibly empty) and code");
    }
    if (firstLine < 1) {
      throw new IllegalArgumentException("firstLine must be >= 1, got " + firstLine);
    }
  }
}
