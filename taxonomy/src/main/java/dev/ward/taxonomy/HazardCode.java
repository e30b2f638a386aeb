package dev.ward.taxonomy;

import java.util.regex.Pattern;

/**
 * The short code of a hazard category as a guard model writes it: {@code S1} ... {@code S14} for
 * Llama Guard 2 and 3; custom taxonomies may use another letter prefix ({@code O1}).
 */
public record HazardCode(String value) implements Comparable<HazardCode> {
  private static final Pattern SHAPE = Pattern.compile("[A-Z]{1,3}[1-9][0-9]{0,2}");

  public HazardCode {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "hazard code must be letters then a number, like S1; got '" + value + "'");
    }
  }

  public static HazardCode of(String value) {
    return new HazardCode(value);
  }

  private String prefix() {
    int i = 0;
    while (Character.isLetter(value.charAt(i))) {
      i++;
    }
    return value.substring(0, i);
  }

  private int number() {
    return Integer.parseInt(value.substring(prefix().length()));
  }

  /** Orders S2 before S10, as people read them. */
  @Override
  public int compareTo(HazardCode other) {
    int byPrefix = prefix().compareTo(other.prefix());
    return byPrefix != 0 ? byPrefix : Integer.compare(number(), other.number());
  }

  @Override
  public String toString() {
    return value;
  }
}
