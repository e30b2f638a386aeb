package dev.ward.taxonomy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What to do with content that falls in a category, strictest first. */
public enum Action {
  BLOCK,
  WARN,
  LOG,
  ALLOW;

  public static Action parse(String text) {
    for (Action action : values()) {
      if (action.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown action '" + text + "'; expected one of "
        + Arrays.stream(values()).map(Action::id).collect(Collectors.joining(", ")));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stricter of two actions; blocking wins over everything. */
  public Action strictest(Action other) {
    return ordinal() <= other.ordinal() ? this : other;
  }
}
