package dev.ward.taxonomy;

/**
 * A configuration file that cannot be used: it does not parse or does not validate. The message
 * names the file, the line and the field, like a compiler's: {@code ward.yaml:12: routes[1].policy:
 * unknown action 'deny'}.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String field;

  public ConfigException(String source, int line, String field, String problem) {
    super(format(source, line, field, problem), null, false, false);
    this.source = source;
    this.line = line;
    this.field = field;
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

  /** The file (or resource) at fault, or null when there is none. */
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
