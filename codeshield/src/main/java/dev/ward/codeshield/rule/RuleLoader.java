package dev.ward.codeshield.rule;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ward.codeshield.Severity;
import dev.ward.codeshield.lang.Language;
import dev.ward.codeshield.pattern.Pattern;
import dev.ward.codeshield.pattern.PatternException;
import dev.ward.codeshield.regex.RegexPattern;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads rules in Semgrep's YAML syntax. The file format, as far as Ward reads it:
 *
 * <pre>{@code
 * rules:
 *   - id: c-strcpy                       # letters, digits, . _ -
 *     languages: [c, cpp]                # ids or aliases; `generic` = every language (regex only)
 *     severity: WARNING                  # ERROR | WARNING | ADVICE (INFO is read as ADVICE)
 *     message: strcpy does not check the destination size.
 *     metadata:
 *       cwe: "CWE-120: Buffer Copy without Checking Size of Input"   # or a list; the first counts
 *     # search mode: exactly one of
 *     pattern: strcpy($DST, $SRC)
 *     patterns: [...]                    # pattern, pattern-either, patterns, pattern-inside,
 *                                        # pattern-not, pattern-not-inside, pattern-regex,
 *                                        # pattern-not-regex, metavariable-regex,
 *                                        # metavariable-pattern, metavariable-comparison,
 *                                        # focus-metavariable
 *     pattern-either: [...]
 *     pattern-regex: ...
 *     # or taint mode
 *     mode: taint
 *     pattern-sources: [...]             # each item: pattern / patterns / pattern-either / pattern-regex
 *     pattern-sinks: [...]
 *     pattern-sanitizers: [...]          # optional
 * }</pre>
 *
 * Every problem becomes a {@link RuleProblem} naming the rule and the path to the bad field; the
 * rule is skipped (or, for a pattern that does not parse in one of its languages, skipped for
 * that language) and loading goes on. An alternative of a {@code pattern-either} that parses in
 * some of the rule's languages only is no problem: it applies to those (see {@code either}).
 */
public final class RuleLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> RULE_KEYS = Set.of("id", "languages", "severity", "message", "metadata",
      "mode", "pattern", "patterns", "pattern-either", "pattern-regex", "pattern-sources", "pattern-sinks",
      "pattern-sanitizers", "fix", "options", "min-version", "max-version");
  private static final List<String> SEARCH_KEYS = List.of("pattern", "patterns", "pattern-either", "pattern-regex");
  private static final java.util.regex.Pattern CWE = java.util.regex.Pattern.compile("^\\s*(CWE-[0-9]+)\\b");

  private final String sourceName;
  private final List<Rule> rules = new ArrayList<>();
  private final List<RuleProblem> problems = new ArrayList<>();

  private RuleLoader(String sourceName) {
    this.sourceName = sourceName;
  }

  /** The result of loading one file: the rules that loaded, and the problems found. */
  public record Loaded(List<Rule> rules, List<RuleProblem> problems) {
    public Loaded {
      rules = List.copyOf(rules);
      problems = List.copyOf(problems);
    }
  }

  /** Parses one YAML document of rules; {@code sourceName} appears in problem locations. */
  public static Loaded load(String yaml, String sourceName) {
    RuleLoader loader = new RuleLoader(sourceName);
    loader.loadDocument(yaml);
    return new Loaded(loader.rules, loader.problems);
  }

  private void loadDocument(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      problems.add(new RuleProblem(RuleProblem.Kind.INVALID_YAML, "-", sourceName, e.getOriginalMessage() + where));
      return;
    }
    if (root == null || !root.isObject() || !root.path("rules").isArray()) {
      problems.add(new RuleProblem(RuleProblem.Kind.MISSING_FIELD, "-", sourceName,
          "a rule file is a mapping with a 'rules' list"));
      return;
    }
    JsonNode list = root.get("rules");
    for (int i = 0; i < list.size(); i++) {
      String path = "rules[" + i + "]";
      try {
        loadRule(list.get(i), path);
      } catch (Invalid e) {
        problems.add(new RuleProblem(e.kind, e.ruleId, sourceName + ": " + e.path, e.getMessage()));
      }
    }
  }

  /** A problem that rejects the rule being loaded (or one of its languages). */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RuleProblem.Kind kind;
    final String ruleId;
    final String path;

    Invalid(RuleProblem.Kind kind, String ruleId, String path, String message) {
      super(message, null, false, false);
      this.kind = kind;
      this.ruleId = ruleId;
      this.path = path;
    }
  }

  private void loadRule(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, "-", path, "a rule is a mapping, got " + node.getNodeType());
    }
    String idText = text(node, "id", "-", path);
    RuleId id;
    try {
      id = new RuleId(idText);
    } catch (IllegalArgumentException e) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, "-", path + ".id", e.getMessage());
    }
    String rid = id.value();
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
      String key = keys.next();
      if (!RULE_KEYS.contains(key)) {
        throw new Invalid(RuleProblem.Kind.UNKNOWN_KEY, rid, path + "." + key, "unknown rule key '" + key + "'");
      }
    }
    if (rules.stream().anyMatch(r -> r.id().equals(id))) {
      throw new Invalid(RuleProblem.Kind.DUPLICATE_ID, rid, path + ".id", "rule id '" + rid + "' is already used in this file");
    }
    String message = text(node, "message", rid, path);
    Severity severity;
    try {
      severity = Severity.parse(text(node, "severity", rid, path));
    } catch (IllegalArgumentException e) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, rid, path + ".severity", e.getMessage());
    }
    String cwe = cwe(node.path("metadata").path("cwe"), rid, path + ".metadata.cwe");
    Set<Language> languages = languages(node.get("languages"), rid, path + ".languages");
    boolean generic = languages.isEmpty();
    if (generic) {
      languages = EnumSet.allOf(Language.class);
    }
    String mode = node.path("mode").asText("search");
    if (!mode.equals("search") && !mode.equals("taint")) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, rid, path + ".mode", "mode must be search or taint, got '" + mode + "'");
    }
    Map<Language, Formula> formulas = new EnumMap<>(Language.class);
    for (Language language : languages) {
      FormulaReader reader = new FormulaReader(rid, language, languages, generic);
      try {
        formulas.put(language, mode.equals("taint") ? reader.taint(node, path) : reader.topLevel(node, path));
      } catch (Invalid e) {
        if (e.kind != RuleProblem.Kind.INVALID_PATTERN || languages.size() == 1) {
          throw e;
        }
        problems.add(new RuleProblem(e.kind, e.ruleId, sourceName + ": " + e.path, e.getMessage()));
      }
    }
    if (!formulas.isEmpty()) {
      rules.add(new Rule(id, cwe, severity, message, sourceName, formulas));
    }
  }

  private static String text(JsonNode node, String field, String ruleId, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new Invalid(RuleProblem.Kind.MISSING_FIELD, ruleId, path, "missing '" + field + "'");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path + "." + field,
          "'" + field + "' must be a non-blank string, got " + value);
    }
    return value.asText();
  }

  private static String cwe(JsonNode node, String ruleId, String path) {
    JsonNode first = node.isArray() && !node.isEmpty() ? node.get(0) : node;
    if (first.isMissingNode() || first.isNull()) {
      throw new Invalid(RuleProblem.Kind.MISSING_FIELD, ruleId, path, "missing 'metadata.cwe' (e.g. \"CWE-120: ...\")");
    }
    Matcher m = CWE.matcher(first.asText());
    if (!m.find()) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "cwe must start with CWE-<number>, got " + first);
    }
    return m.group(1);
  }

  /** The rule's languages; empty means generic (every language, regex only). */
  private static Set<Language> languages(JsonNode node, String ruleId, String path) {
    if (node == null || !(node.isArray() || node.isTextual()) || node.isEmpty() && node.isArray()) {
      throw new Invalid(RuleProblem.Kind.MISSING_FIELD, ruleId, path, "missing 'languages' (a list such as [c, cpp])");
    }
    Set<Language> languages = EnumSet.noneOf(Language.class);
    boolean generic = false;
    for (JsonNode item : node.isArray() ? node : List.of(node)) {
      String name = item.asText();
      if (name.equals("generic") || name.equals("regex")) {
        generic = true;
        continue;
      }
      try {
        languages.add(Language.of(name));
      } catch (IllegalArgumentException e) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, e.getMessage());
      }
    }
    if (generic && !languages.isEmpty()) {
      throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "'generic' cannot be combined with other languages");
    }
    return languages;
  }

  /** Reads formulas for one language: code patterns compile in that language. */
  private static final class FormulaReader {
    private final String ruleId;
    private final Language language;
    /** All the rule's languages, {@code language} among them. */
    private final Set<Language> ruleLanguages;
    private final boolean generic;

    FormulaReader(String ruleId, Language language, Set<Language> ruleLanguages, boolean generic) {
      this.ruleId = ruleId;
      this.language = language;
      this.ruleLanguages = ruleLanguages;
      this.generic = generic;
    }

    Formula topLevel(JsonNode rule, String path) {
      List<String> present = SEARCH_KEYS.stream().filter(rule::has).toList();
      if (present.size() != 1) {
        throw new Invalid(present.isEmpty() ? RuleProblem.Kind.MISSING_FIELD : RuleProblem.Kind.INVALID_VALUE, ruleId, path,
            "a search rule needs exactly one of " + SEARCH_KEYS + ", got " + present);
      }
      String key = present.getFirst();
      return operator(key, rule.get(key), path + "." + key);
    }

    Formula taint(JsonNode rule, String path) {
      for (String key : SEARCH_KEYS) {
        if (rule.has(key)) {
          throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path + "." + key, "a taint rule uses pattern-sources and pattern-sinks, not " + key);
        }
      }
      List<Formula> sources = items(rule.get("pattern-sources"), path + ".pattern-sources", true);
      List<Formula> sinks = items(rule.get("pattern-sinks"), path + ".pattern-sinks", true);
      List<Formula> sanitizers = rule.has("pattern-sanitizers")
          ? items(rule.get("pattern-sanitizers"), path + ".pattern-sanitizers", false) : List.of();
      return new Formula.Taint(sources, sinks, sanitizers);
    }

    /** A list whose items are each one formula (pattern-either, taint sources...). */
    private List<Formula> items(JsonNode list, String path, boolean required) {
      if (list == null || !list.isArray() || (required && list.isEmpty())) {
        throw new Invalid(RuleProblem.Kind.MISSING_FIELD, ruleId, path, "expected a non-empty list of patterns");
      }
      List<Formula> formulas = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        formulas.add(single(list.get(i), path + "[" + i + "]"));
      }
      return formulas;
    }

    /**
     * The alternatives of a pattern-either. In a rule of several languages, an alternative written
     * in the syntax of only some of them (C++'s `T x("...")` in a [c, cpp] rule) applies to the
     * languages it parses in: it is left out for the others, as long as one alternative remains.
     * One that parses in none of the rule's languages is a problem, as everywhere.
     */
    private Formula either(JsonNode list, String path) {
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new Invalid(RuleProblem.Kind.MISSING_FIELD, ruleId, path, "expected a non-empty list of patterns");
      }
      List<Formula> alternatives = new ArrayList<>();
      Invalid firstLeftOut = null;
      for (int i = 0; i < list.size(); i++) {
        String itemPath = path + "[" + i + "]";
        try {
          alternatives.add(single(list.get(i), itemPath));
        } catch (Invalid e) {
          if (e.kind != RuleProblem.Kind.INVALID_PATTERN || !parsesInAnotherLanguage(list.get(i), itemPath)) {
            throw e;
          }
          firstLeftOut = firstLeftOut == null ? e : firstLeftOut;
        }
      }
      if (alternatives.isEmpty()) {
        throw firstLeftOut;
      }
      return new Formula.Either(alternatives);
    }

    /** Whether a formula item that does not parse in this reader's language reads in another of the rule's. */
    private boolean parsesInAnotherLanguage(JsonNode item, String path) {
      for (Language other : ruleLanguages) {
        if (other == language) {
          continue;
        }
        try {
          new FormulaReader(ruleId, other, ruleLanguages, generic).single(item, path);
          return true;
        } catch (Invalid e) {
          // not in this one either
        }
      }
      return false;
    }

    /** One formula item: a mapping with one operator (metadata keys such as `focus-metavariable` aside). */
    private Formula single(JsonNode item, String path) {
      if (item.isTextual()) {
        return code(item.asText(), path);
      }
      if (!item.isObject()) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "expected a pattern mapping, got " + item.getNodeType());
      }
      List<String> present = SEARCH_KEYS.stream().filter(item::has).toList();
      if (present.size() != 1) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "expected exactly one of " + SEARCH_KEYS + ", got "
            + fieldNames(item));
      }
      for (String key : fieldNames(item)) {
        if (!SEARCH_KEYS.contains(key)) {
          throw new Invalid(RuleProblem.Kind.UNKNOWN_KEY, ruleId, path + "." + key, "unexpected key '" + key
              + "' beside " + present.getFirst() + "; put conditions in a 'patterns' list");
        }
      }
      String key = present.getFirst();
      return operator(key, item.get(key), path + "." + key);
    }

    private Formula operator(String key, JsonNode value, String path) {
      return switch (key) {
        case "pattern" -> code(string(value, path), path);
        case "pattern-regex" -> new Formula.Regex(regex(string(value, path), path));
        case "pattern-either" -> either(value, path);
        case "patterns" -> patterns(value, path);
        default -> throw new IllegalStateException("not a formula key: " + key);
      };
    }

    private Formula patterns(JsonNode list, String path) {
      if (list == null || !list.isArray() || list.isEmpty()) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "'patterns' must be a non-empty list");
      }
      List<Formula> positives = new ArrayList<>();
      List<Formula> insides = new ArrayList<>();
      List<Formula> nots = new ArrayList<>();
      List<Formula> notInsides = new ArrayList<>();
      List<Condition> conditions = new ArrayList<>();
      List<String> focus = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode item = list.get(i);
        String itemPath = path + "[" + i + "]";
        List<String> keys = item.isObject() ? fieldNames(item) : List.of();
        if (keys.size() != 1) {
          throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, itemPath,
              "each 'patterns' item is a mapping with one operator, got " + (item.isObject() ? keys : item.getNodeType()));
        }
        String key = keys.getFirst();
        JsonNode value = item.get(key);
        String p = itemPath + "." + key;
        switch (key) {
          case "pattern", "pattern-regex", "pattern-either", "patterns" -> positives.add(operator(key, value, p));
          case "pattern-inside" -> insides.add(nested(value, p));
          case "pattern-not" -> nots.add(nested(value, p));
          case "pattern-not-inside" -> notInsides.add(nested(value, p));
          case "pattern-not-regex" -> conditions.add(new Condition.NotRegex(regex(string(value, p), p)));
          case "metavariable-regex" -> conditions.add(new Condition.MetavariableRegex(
              metavariable(value, p), regex(string(value.get("regex"), p + ".regex"), p + ".regex")));
          case "metavariable-pattern" -> conditions.add(metavariablePattern(value, p));
          case "metavariable-comparison" -> conditions.add(comparison(value, p));
          case "focus-metavariable" -> {
            for (JsonNode name : value.isArray() ? value : List.of(value)) {
              focus.add(checkedMetavariable(name.asText(), p));
            }
          }
          default -> throw new Invalid(RuleProblem.Kind.UNKNOWN_KEY, ruleId, p, "unknown operator '" + key + "'");
        }
      }
      if (positives.isEmpty() && insides.isEmpty()) {
        throw new Invalid(RuleProblem.Kind.MISSING_FIELD, ruleId, path,
            "'patterns' needs at least one positive term (pattern, pattern-either, patterns, pattern-regex or pattern-inside)");
      }
      return new Formula.All(positives, insides, nots, notInsides, conditions, focus);
    }

    /** The value of pattern-inside / pattern-not / pattern-not-inside: a pattern string or a formula mapping. */
    private Formula nested(JsonNode value, String path) {
      return value != null && value.isObject() ? single(value, path) : code(string(value, path), path);
    }

    private Condition metavariablePattern(JsonNode value, String path) {
      String name = metavariable(value, path);
      if (value.has("language") && !Language.find(value.get("language").asText()).map(l -> l == language).orElse(false)) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path + ".language",
            "metavariable-pattern in another language is not supported, got " + value.get("language"));
      }
      List<String> present = SEARCH_KEYS.stream().filter(value::has).toList();
      if (present.size() != 1) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "metavariable-pattern needs exactly one of " + SEARCH_KEYS);
      }
      String key = present.getFirst();
      return new Condition.MetavariablePattern(name, operator(key, value.get(key), path + "." + key));
    }

    private Condition comparison(JsonNode value, String path) {
      String expression = string(value == null ? null : value.get("comparison"), path + ".comparison");
      try {
        return new Condition.MetavariableComparison(Comparison.parse(expression));
      } catch (IllegalArgumentException e) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path + ".comparison", e.getMessage());
      }
    }

    private String metavariable(JsonNode value, String path) {
      if (value == null || !value.isObject()) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "expected a mapping with 'metavariable'");
      }
      return checkedMetavariable(string(value.get("metavariable"), path + ".metavariable"), path + ".metavariable");
    }

    private String checkedMetavariable(String name, String path) {
      if (!name.matches("\\$[A-Z_][A-Z0-9_]*|\\$[0-9]+")) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "expected a metavariable such as $X, got '" + name + "'");
      }
      return name.substring(1);
    }

    private Formula code(String source, String path) {
      if (generic) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "a 'generic' rule can only use pattern-regex");
      }
      try {
        return new Formula.Code(Pattern.compile(source, language));
      } catch (PatternException e) {
        throw new Invalid(RuleProblem.Kind.INVALID_PATTERN, ruleId, path, language + ": " + e.getMessage());
      }
    }

    private RegexPattern regex(String source, String path) {
      try {
        return RegexPattern.compile(source);
      } catch (IllegalArgumentException e) {
        throw new Invalid(RuleProblem.Kind.INVALID_REGEX, ruleId, path, e.getMessage());
      }
    }

    private String string(JsonNode value, String path) {
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        throw new Invalid(RuleProblem.Kind.INVALID_VALUE, ruleId, path, "expected a non-blank string, got " + value);
      }
      return value.asText();
    }

    private static List<String> fieldNames(JsonNode node) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      return names;
    }
  }
}
