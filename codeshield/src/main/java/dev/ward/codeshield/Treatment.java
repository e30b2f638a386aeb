package dev.ward.codeshield;

/** What to do with scanned code, as Code Shield defines it; ordered from mildest to strictest. */
public enum Treatment {
  IGNORE, WARN, BLOCK;

  public Treatment max(Treatment other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
