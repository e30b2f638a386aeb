package dev.ward.codeshield;

import dev.ward.codeshield.lang.Language;

/**
 * One insecure-code finding. Lines and columns are 1-based, in the scanned input (for a Markdown
 * answer, in the answer, not in the code block); {@code endLine}/{@code endColumn} are inclusive
 * of the last character's line and exclusive of its column, as in SARIF.
 */
public record Finding(String ruleId, String cwe, Severity severity, String message, Language language,
    int line, int column, int endLine, int endColumn, String snippet) {
  public Finding {
    require(ruleId, "ruleId");
    require(cwe, "cwe");
    require(message, "message");
    if (severity == null || language == null) {
      throw new IllegalArgumentException("finding " + ruleId + " needs a severity and a language, got "
          + severity + " and " + language);
    }
    if (line < 1 || column < 1 || endLine < line) {
      throw new IllegalArgumentException("finding " + ruleId + " has an invalid position: line " + line
          + ", column " + column + ", end line " + endLine);
    }
    snippet = snippet == null ? "" : snippet;
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("finding field " + field + " must not be blank, got '" + value + "'");
    }
  }
}
