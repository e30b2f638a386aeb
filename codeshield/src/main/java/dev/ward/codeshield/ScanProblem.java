package dev.ward.codeshield;

/**
 * Something that kept part of the input from being scanned fully: a block over the size limit, a
 * parse or scan timeout, undecodable text, a rule that failed; or, for information, a block in a
 * language Code Shield does not cover. The rest of the input is still scanned; problems travel
 * with the result so nothing is lost silently.
 *
 * @param line 1-based line in the input where the affected block starts
 */
public record ScanProblem(Kind kind, int line, String message) {
  /** What went wrong. */
  public enum Kind {
    /** A block whose language Code Shield has no rules for (its fence tag and its content agree). */
    UNSUPPORTED_LANGUAGE(false),
    /** A block that neither its fence tag nor its content ties to a language. */
    UNKNOWN_LANGUAGE(false),
    /**
     * A rule that matched a block more often than is worth reporting: its first matches are
     * findings, the rest are counted here (the result is already far from clean).
     */
    TOO_MANY_FINDINGS(false),
    /** Input or a block over {@link Limits#maxInputChars()}. */
    TOO_LARGE(true),
    /** A parse that took longer than {@link Limits#parseTimeout()}. */
    PARSE_TIMEOUT(true),
    /** A syntax tree with more than {@link Limits#maxNodes()} nodes. */
    TOO_MANY_NODES(true),
    /** The scan's deadline ({@link Limits#scanTimeout()}) came before every rule had run on every block. */
    SCAN_TIMEOUT(true),
    /** A rule that threw: a bug, reported rather than lost. */
    RULE_FAILED(true),
    /** Bytes that are not text in the expected encoding (UTF-8). */
    UNDECODABLE(true),
    /** Input that could not be read: not a regular file, an I/O error. */
    UNREADABLE(true);

    private final boolean incomplete;

    Kind(boolean incomplete) {
      this.incomplete = incomplete;
    }

    /**
     * Whether a problem of this kind leaves part of the input unchecked, so that the scan is not
     * {@linkplain ScanResult#complete() complete}. Code in a language Code Shield does not cover is
     * reported, but does not make a scan incomplete: there are no rules it could have missed.
     */
    public boolean incomplete() {
      return incomplete;
    }
  }

  public ScanProblem {
    if (kind == null || message == null || message.isBlank()) {
      throw new IllegalArgumentException("scan problem needs a kind and a message, got " + kind + ", '" + message + "'");
    }
    if (line < 1) {
      throw new IllegalArgumentException("scan problem line must be >= 1, got " + line);
    }
  }
}
