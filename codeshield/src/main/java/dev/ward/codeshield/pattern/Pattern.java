package dev.ward.codeshield.pattern;

import dev.ward.codeshield.lang.Language;
import java.util.List;
import java.util.Set;

/**
 * A Semgrep-style code pattern compiled for one language. Thread-safe and reusable: compile once
 * per rule and language, match against many trees with {@link Matcher}.
 *
 * @param language the grammar that parsed the pattern (and must parse the target)
 * @param source the pattern as the rule wrote it
 * @param roots one node for an expression or statement pattern; several for a statement sequence
 * @param literals identifiers the pattern needs verbatim: a text lacking any of them cannot match
 */
public record Pattern(Language language, String source, List<PatternNode> roots, Set<String> literals) {
  public Pattern {
    roots = List.copyOf(roots);
    literals = Set.copyOf(literals);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("pattern '" + source + "' has no roots");
    }
  }

  /** Compiles {@code source} in {@code language}; a pattern that does not parse is a {@link PatternException}. */
  public static Pattern compile(String source, Language language) {
    return PatternCompiler.compile(source, language);
  }

  boolean isSequence() {
    return roots.size() > 1;
  }
}
