package dev.ward.codeshield.pattern;

import dev.ward.codeshield.lang.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Rewrites Semgrep's pattern operators into identifiers the language's grammar accepts, so that
 * the pattern parses as ordinary code, and says how to wrap a pattern that is not valid at the top
 * of a file (a statement in Java needs a method; PHP needs {@code <?php}).
 *
 * <p>Rewrites: {@code <... P ...>} becomes {@code __WARD_DEEP__(P)}; {@code (T $X)} and
 * {@code ($X : T)} become {@code __WARD_TYPED_n__($X)}; {@code ...} becomes
 * {@code __WARD_ELLIPSIS__} (with a {@code ;} where a statement needs one); {@code $...X} becomes
 * {@code __WARD_MVS_X}; {@code $X} becomes
 * {@code __WARD_MV_X}, except in PHP, where {@code $X} already is a variable.
 */
final class PatternSource {
  static final String METAVARIABLE = "__WARD_MV_";
  static final String ELLIPSIS_METAVARIABLE = "__WARD_MVS_";
  static final String ELLIPSIS = "__WARD_ELLIPSIS__";
  static final String DEEP = "__WARD_DEEP__";
  static final String TYPED = "__WARD_TYPED_";
  /** A parameter type, so that {@code f(...)} also parses as a parameter list in typed languages. */
  static final String ELLIPSIS_PARAMETER = "__WARD_ET__ " + ELLIPSIS;

  private static final java.util.regex.Pattern ELLIPSIS_METAVARIABLE_SYNTAX =
      java.util.regex.Pattern.compile("\\$\\.\\.\\.([A-Z_][A-Z0-9_]*)");
  private static final java.util.regex.Pattern METAVARIABLE_SYNTAX =
      java.util.regex.Pattern.compile("\\$([A-Z_][A-Z0-9_]*)");
  private static final java.util.regex.Pattern TYPED_PREFIX_SYNTAX = java.util.regex.Pattern.compile(
      "(?<![\\w)\\]])\\(\\s*([A-Za-z_][\\w.:<>\\[\\]*& ]*?)\\s*(?<=[\\w>\\]*])\\s*\\$([A-Z_][A-Z0-9_]*)\\s*\\)");
  private static final java.util.regex.Pattern TYPED_SUFFIX_SYNTAX = java.util.regex.Pattern.compile(
      "(?<![\\w)\\]])\\(\\s*\\$([A-Z_][A-Z0-9_]*)\\s*:\\s*([A-Za-z_][\\w.:<>\\[\\]*& ]*?)\\s*\\)");

  /** The rewritten pattern, in spellings to try in order (e.g. `{ ... }` as a block, then as an initializer). */
  final List<String> variants;
  final List<String> types;

  private PatternSource(List<String> variants, List<String> types) {
    this.variants = variants;
    this.types = types;
  }

  static PatternSource rewrite(String pattern, Language language) {
    String text = ELLIPSIS_METAVARIABLE_SYNTAX.matcher(deep(pattern)).replaceAll(ELLIPSIS_METAVARIABLE + "$1");
    List<String> types = new ArrayList<>();
    text = typed(text, TYPED_PREFIX_SYNTAX, 2, 1, types);
    text = typed(text, TYPED_SUFFIX_SYNTAX, 1, 2, types);
    List<String> variants = new ArrayList<>();
    for (boolean blocks : new boolean[] {true, false}) {
      String variant = ellipses(text, language, blocks);
      if (language != Language.PHP) {
        variant = METAVARIABLE_SYNTAX.matcher(variant).replaceAll(METAVARIABLE + "$1");
      }
      if (!variants.contains(variant)) {
        variants.add(variant);
      }
    }
    return new PatternSource(List.copyOf(variants), List.copyOf(types));
  }

  /** {@code <... P ...>} to {@code __WARD_DEEP__(P)}, innermost pairs last so nesting works. */
  private static String deep(String text) {
    StringBuilder out = new StringBuilder(text);
    while (true) {
      int close = out.indexOf("...>");
      if (close < 0) {
        return out.toString();
      }
      int open = out.lastIndexOf("<...", close);
      if (open < 0) {
        throw new PatternException("'...>' at offset " + close + " has no matching '<...'");
      }
      out.replace(close, close + 4, ")");
      out.replace(open, open + 4, DEEP + "(");
    }
  }

  private static String typed(String text, java.util.regex.Pattern syntax, int nameGroup, int typeGroup,
      List<String> types) {
    Matcher m = syntax.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String type = m.group(typeGroup).strip();
      if (type.isEmpty() || Character.isDigit(type.charAt(0))) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      types.add(type);
      m.appendReplacement(out, Matcher.quoteReplacement(
          TYPED + (types.size() - 1) + "__(" + "$" + m.group(nameGroup) + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String ellipses(String text, Language language, boolean bracesAreBlocks) {
    boolean statementsNeedSemicolon = switch (language) {
      case C, CPP, OBJECTIVE_C, CSHARP, JAVA, PHP, RUST, JAVASCRIPT, TYPESCRIPT -> true;
      default -> false;
    };
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      if (statementsNeedSemicolon && line.strip().equals("...")) {
        out.append(line.replace("...", ELLIPSIS + ";"));
      } else if (statementsNeedSemicolon && bracesAreBlocks) {
        // `{ ... }` is a block of statements too
        out.append(line.replaceAll("\\{(\\s*)\\.\\.\\.(\\s*)}", "{$1" + ELLIPSIS + ";$2}").replace("...", ELLIPSIS));
      } else {
        out.append(line.replace("...", ELLIPSIS));
      }
    }
    return out.toString();
  }

  /**
   * The texts to try parsing, in order: as is, then wrapped where the grammar needs context; in
   * languages whose parameters have types, then again with {@code (...)} read as a parameter list.
   */
  List<Wrapped> candidates(Language language) {
    List<Wrapped> candidates = new ArrayList<>();
    List<List<Wrapped>> byVariant = variants.stream().map(v -> candidates(v, language)).toList();
    for (int i = 0; i < byVariant.getFirst().size(); i++) {
      for (List<Wrapped> wrappings : byVariant) {
        candidates.add(wrappings.get(i)); // each wrapping in every spelling before the next wrapping
      }
    }
    boolean typedParameters = switch (language) {
      case C, CPP, OBJECTIVE_C, CSHARP, JAVA -> true;
      default -> false;
    };
    for (String rewritten : variants) {
      String asParameters = rewritten.replace("(" + ELLIPSIS + ")", "(" + ELLIPSIS_PARAMETER + ")");
      if (typedParameters && !asParameters.equals(rewritten)) {
        candidates.addAll(candidates(asParameters, language));
      }
    }
    return candidates;
  }

  private static List<Wrapped> candidates(String s, Language language) {
    return switch (language) {
      // Expression first: C reads `a * b;` as a declaration of a pointer b.
      case C, CPP, OBJECTIVE_C -> List.of(wrap("void __ward_fn(void) { __ward_sink = (", s, "); }"), plain(s),
          wrap("void __ward_fn(void) {\n", s, "\n}"), wrap("void __ward_fn(void) {\n", s, ";\n}"), plain(s + ";"));
      // Expression first: a bare `A.B` is not a statement, and C# reads `new T { ... }` at the top
      // level as a property declaration.
      case JAVA, CSHARP -> List.of(wrap("class __Ward { void __ward_fn() { var __ward_sink = (", s, "); } }"),
          plain(s), plain(s + ";"),
          wrap("class __Ward { void __ward_fn() {\n", s, "\n} }"), wrap("class __Ward { void __ward_fn() {\n", s, ";\n} }"),
          wrap("class __Ward {\n", s, "\n}"));
      case JAVASCRIPT, TYPESCRIPT -> List.of(plain(s), wrap("function __ward_fn() {\n", s, "\n}"),
          wrap("class __Ward {\n", s, "\n}"));
      case PHP -> s.stripLeading().startsWith("<?php") ? List.of(plain(s))
          : List.of(wrap("<?php\n", s, "\n"), wrap("<?php\n", s, ";\n"),
              wrap("<?php\nfunction __ward_fn() {\n", s, "\n}\n"), wrap("<?php\nclass __Ward {\n", s, "\n}\n"));
      case PYTHON -> List.of(plain(dedent(s)), wrap("def __ward_fn():\n", indent(dedent(s)), "\n"),
          wrap("class __Ward:\n", indent(dedent(s)), "\n"));
      case RUST -> List.of(plain(s), wrap("fn __ward_fn() {\n", s, "\n}"), wrap("fn __ward_fn() {\n", s, ";\n}"),
          wrap("impl __Ward {\n", s, "\n}"));
      case GO -> List.of(wrap("package main\n", s, "\n"), wrap("package main\nfunc __ward_fn() {\n", s, "\n}\n"));
      case KOTLIN -> List.of(plain(s), wrap("fun __ward_fn() {\n", s, "\n}"), wrap("class __Ward {\n", s, "\n}"));
      case SWIFT -> List.of(plain(s), wrap("func __ward_fn() {\n", s, "\n}"));
      case RUBY -> List.of(plain(s), wrap("def __ward_fn\n", s, "\nend\n"));
      case XML -> List.of(); // no grammar: PatternCompiler refuses code patterns first
    };
  }

  /** A candidate text and where the pattern itself lies in it. */
  record Wrapped(String text, int start, int end) {}

  private static Wrapped plain(String s) {
    return new Wrapped(s, 0, s.length());
  }

  private static Wrapped wrap(String before, String s, String after) {
    return new Wrapped(before + s + after, before.length(), before.length() + s.length());
  }

  private static String dedent(String s) {
    String[] lines = s.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    if (indent == 0 || indent == Integer.MAX_VALUE) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(line.isBlank() ? "" : line.substring(indent));
    }
    return out.toString();
  }

  private static String indent(String s) {
    return ("    " + s.replace("\n", "\n    "));
  }

  /** The pattern's own spelling of a rewritten leaf, for comparing it with target text. */
  static String original(String text, Language language) {
    String s = text.replace(ELLIPSIS_PARAMETER, "...").replace(ELLIPSIS, "...").replace(ELLIPSIS_METAVARIABLE, "$...");
    return language == Language.PHP ? s : s.replace(METAVARIABLE, "$");
  }
}
