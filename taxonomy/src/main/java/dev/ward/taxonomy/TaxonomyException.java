package dev.ward.taxonomy;

/**
 * A taxonomy that cannot be used: an unknown built-in name, or a file that does not parse or does
 * not validate. The message names the file, the line and the field, like a compiler's.
 */
public final class TaxonomyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String field;

  TaxonomyException(String source, int line, String field, String problem) {
    super(format(source, line, field, problem), null, false, false);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  static TaxonomyException unknownName(String name, Iterable<String> known) {
    return new TaxonomyException(null, 0, null, "unknown taxonomy '" + name
        + "'; built-in taxonomies are " + String.join(", ", known)
        + ", or give the path of a .yaml or .json file");
  }

  private static String format(String source, int line, String field, String problem) {
    StringBuilder message = new StringBuilder();
    if (source != null) {
      message.append(source);
      if (line > 0) {
        message.append(':').append(line);
      }
      message.append(": ");
    }
    if (field != null && !field.isEmpty()) {
      message.append(field).append(": ");
    }
    return message.append(problem).toString();
  }

  /** The file (or resource) at fault, or null for an unknown name. */
  public String source() {
    return source;
  }

  /** 1-based line in {@link #source()}, or 0 when not known. */
  public int line() {
    return line;
  }

  /** The field at fault as a path like {@code categories[2].code}, or null. */
  public String field() {
    return field;
  }
}
