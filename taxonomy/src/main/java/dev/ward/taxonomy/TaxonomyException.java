package dev.ward.taxonomy;

/**
 * A taxonomy that cannot be used: an unknown built-in name, or a file that does not parse or does
 * not validate. The message names the file, the line and the field, like a compiler's.
 */
public final class TaxonomyException extends ConfigException {
  private static final long serialVersionUID = 1L;

  TaxonomyException(String source, int line, String field, String problem) {
    super(source, line, field, problem);
  }

  static TaxonomyException of(ConfigException e) {
    return e instanceof TaxonomyException t ? t
        : new TaxonomyException(e.source(), e.line(), e.field(), problemOf(e));
  }

  static TaxonomyException unknownName(String name, Iterable<String> known) {
    return new TaxonomyException(null, 0, null, "unknown taxonomy '" + name
        + "'; built-in taxonomies are " + String.join(", ", known)
        + ", or give the path of a .yaml or .json file");
  }

  private static String problemOf(ConfigException e) {
    String prefix = new ConfigException(e.source(), e.line(), e.field(), "").getMessage();
    return e.getMessage().substring(prefix.length());
  }
}
