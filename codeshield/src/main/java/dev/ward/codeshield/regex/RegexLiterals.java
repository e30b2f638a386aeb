package dev.ward.codeshield.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The literal text a regex cannot match without: for each top-level alternative, its longest run
 * of plain characters, or the literals of a group the alternative requires. A text containing none
 * of them cannot match, so the regex need not run. Conservative by construction: anything it does
 * not understand (case-insensitive flags, an alternative without a run of at least
 * {@link #MIN_LENGTH} characters or such a group) gives no literals, and the regex always runs.
 */
public final class RegexLiterals {
  static final int MIN_LENGTH = 2;

  private RegexLiterals() {}

  /**
   * Literals of which every match contains at least one: per top-level alternative its longest
   * run, or failing that the literals of a group it cannot match without ({@code ^(md5|sha1)$}).
   * Empty when none can be proven.
   */
  public static Optional<List<String>> required(String regex) {
    if (regex.contains("(?i") || regex.matches("(?s)^\\(\\?[a-z]*i.*")) {
      return Optional.empty();
    }
    List<String> literals = new ArrayList<>();
    for (String alternative : alternatives(regex)) {
      Optional<List<String>> own = requiredIn(alternative);
      if (own.isEmpty()) {
        return Optional.empty();
      }
      literals.addAll(own.get());
    }
    return literals.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(literals));
  }

  /**
   * For a regex that starts with {@code (?i)} and sets no other flag: its required literals (as
   * {@link #required}) in lower case, when all are ASCII, so that a text folded to lower case
   * contains one of them if the regex can match it.
   */
  public static Optional<List<String>> requiredIgnoringCase(String regex) {
    if (!regex.startsWith("(?i)")) {
      return Optional.empty();
    }
    return required(regex.substring("(?i)".length()))
        .filter(literals -> literals.stream().allMatch(l -> l.chars().allMatch(c -> c < 128)))
        .map(literals -> literals.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
  }

  /** The longest run or the literals of a group the alternative requires, whichever is most selective. */
  private static Optional<List<String>> requiredIn(String alternative) {
    String run = longestRun(alternative);
    Optional<List<String>> best = run.length() >= MIN_LENGTH ? Optional.of(List.of(run)) : Optional.empty();
    for (Atom atom : atoms(alternative)) {
      if (atom.group() && atom.quantifier().min >= 1) {
        Optional<List<String>> inner = required(groupBody(alternative.substring(atom.start(), atom.end())));
        if (inner.isPresent() && (best.isEmpty() || shortest(inner.get()) > shortest(best.get()))) {
          best = inner;
        }
      }
    }
    return best;
  }

  private static int shortest(List<String> literals) {
    return literals.stream().mapToInt(String::length).min().orElse(0);
  }

  /** What a group matches, without its parentheses and its {@code ?:}, {@code ?P<name>} or flags prefix. */
  private static String groupBody(String group) {
    String body = group.substring(1, group.endsWith(")") ? group.length() - 1 : group.length());
    if (!body.startsWith("?")) {
      return body;
    }
    int end = body.startsWith("?P<") || body.startsWith("?<") ? body.indexOf('>') : body.indexOf(':');
    return end < 0 ? "" : body.substring(end + 1);
  }

  /** Splits on {@code |} outside groups and classes. */
  public static List<String> alternatives(String regex) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        parts.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(regex.substring(start));
    return parts;
  }

  /**
   * The longest run of characters every match contains, at the top level of one alternative. The
   * alternative is read as atoms (a literal character, or anything else: a class, a group, an
   * escape class, an anchor) each with its quantifier; optional atoms and non-literals end a run.
   */
  static String longestRun(String alternative) {
    StringBuilder run = new StringBuilder();
    String best = "";
    for (Atom atom : atoms(alternative)) {
      Quantifier q = atom.quantifier();
      if (atom.literal() != 0 && q.min >= 1) {
        run.append(atom.literal());
      }
      if (atom.literal() == 0 || q.min == 0 || q.repeats) {
        best = longer(best, run);
        run.setLength(0);
      }
    }
    return longer(best, run);
  }

  /**
   * One top-level element of an alternative: {@code [start, end)} without its quantifier.
   *
   * @param literal the character it matches, or 0 for anything else
   * @param group whether it is a parenthesized group
   */
  private record Atom(char literal, boolean group, int start, int end, Quantifier quantifier) {}

  private static List<Atom> atoms(String alternative) {
    List<Atom> atoms = new ArrayList<>();
    int i = 0;
    while (i < alternative.length()) {
      char c = alternative.charAt(i);
      char literal = 0;
      int next = i + 1;
      if (c == '\\' && next < alternative.length()) {
        char escaped = alternative.charAt(next++);
        literal = Character.isLetterOrDigit(escaped) ? 0 : escaped;
      } else if (c == '[') {
        next = skipClass(alternative, i);
      } else if (c == '(') {
        next = skipGroup(alternative, i);
      } else if (".^$".indexOf(c) < 0) {
        literal = c;
      }
      Quantifier q = Quantifier.at(alternative, next);
      atoms.add(new Atom(literal, c == '(', i, next, q));
      i = q.end;
    }
    return atoms;
  }

  /** The quantifier after an atom: how often it must occur at least, and whether it may repeat. */
  private record Quantifier(int min, boolean repeats, int end) {
    static Quantifier at(String s, int i) {
      if (i >= s.length()) {
        return new Quantifier(1, false, i);
      }
      char c = s.charAt(i);
      Quantifier q;
      if (c == '*') {
        q = new Quantifier(0, true, i + 1);
      } else if (c == '?') {
        q = new Quantifier(0, false, i + 1);
      } else if (c == '+') {
        q = new Quantifier(1, true, i + 1);
      } else if (c == '{' && s.indexOf('}', i) > i) {
        int close = s.indexOf('}', i);
        String body = s.substring(i + 1, close);
        int min;
        try {
          min = Integer.parseInt(body.split(",", -1)[0].strip());
        } catch (NumberFormatException e) {
          return new Quantifier(1, false, i); // a literal '{'
        }
        q = new Quantifier(min, !body.equals(body.split(",", -1)[0]) || min > 1, close + 1);
      } else {
        return new Quantifier(1, false, i);
      }
      int end = q.end < s.length() && (s.charAt(q.end) == '?' || s.charAt(q.end) == '+') ? q.end + 1 : q.end;
      return new Quantifier(q.min, q.repeats, end);
    }
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  private static int skipClass(String s, int open) {
    int i = open + 1;
    if (i < s.length() && s.charAt(i) == '^') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == ']') {
      i++;
    }
    while (i < s.length() && s.charAt(i) != ']') {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static int skipGroup(String s, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return s.length();
  }
}
