package dev.ward.codeshield.syntax;

import dev.ward.codeshield.lang.Language;
import java.util.Map;
import java.util.Set;

/**
 * The one table of Tree-sitter node-kind names the engine relies on. Everything else about a
 * language comes from its grammar: patterns are parsed by the same grammar as the code, so the
 * matcher needs names only for the few places where it treats a kind specially.
 */
final class NodeKinds {
  /** String literal kinds, per language: what {@code "..."} matches. */
  static final Map<Language, Set<String>> STRINGS = Map.ofEntries(
      Map.entry(Language.C, Set.of("string_literal", "concatenated_string", "raw_string_literal")),
      Map.entry(Language.CPP, Set.of("string_literal", "concatenated_string", "raw_string_literal")),
      Map.entry(Language.CSHARP, Set.of("string_literal", "verbatim_string_literal", "raw_string_literal",
          "interpolated_string_expression")),
      Map.entry(Language.JAVA, Set.of("string_literal", "text_block")),
      Map.entry(Language.JAVASCRIPT, Set.of("string", "template_string")),
      Map.entry(Language.TYPESCRIPT, Set.of("string", "template_string")),
      Map.entry(Language.PHP, Set.of("string", "encapsed_string", "heredoc", "nowdoc")),
      Map.entry(Language.PYTHON, Set.of("string", "concatenated_string")),
      Map.entry(Language.RUST, Set.of("string_literal", "raw_string_literal")),
      Map.entry(Language.GO, Set.of("interpreted_string_literal", "raw_string_literal")),
      Map.entry(Language.KOTLIN, Set.of("string_literal", "multiline_string_literal")),
      Map.entry(Language.RUBY, Set.of("string", "heredoc_body")),
      Map.entry(Language.SWIFT, Set.of("line_string_literal", "multi_line_string_literal", "raw_string_literal")),
      Map.entry(Language.OBJECTIVE_C, Set.of("string_literal", "concatenated_string")));

  /**
   * Kinds whose first named child is the receiver of a member access or call: the links that
   * {@code $X. ... .m()} may skip.
   */
  static final Set<String> CHAIN_LINKS = Set.of(
      "call_expression", "member_expression", "field_expression", "attribute", "call",
      "method_invocation", "field_access", "invocation_expression", "member_access_expression",
      "selector_expression", "navigation_expression", "member_call_expression",
      "function_call_expression", "scoped_call_expression", "subscript_expression",
      "element_access_expression", "conditional_access_expression", "optional_chain",
      "qualified_identifier", "scoped_identifier", "method_call_expression");

  /** Kinds that open a function body: the scope of taint tracking. */
  static final Set<String> FUNCTIONS = Set.of(
      "function_definition", "function_declaration", "function_item", "method_declaration",
      "constructor_declaration", "method_definition", "arrow_function", "function_expression",
      "function", "generator_function_declaration", "lambda_expression", "local_function_statement",
      "anonymous_function", "anonymous_function_creation_expression", "closure_expression",
      "func_literal", "method", "singleton_method", "lambda", "anonymous_function_expression",
      "function_literal", "destructor_declaration", "operator_declaration", "init_declaration");

  /** Kinds that wrap one expression in parentheses; the matcher looks through them. */
  static final Set<String> PARENTHESES = Set.of("parenthesized_expression");

  /**
   * Kinds that qualify a declaration without changing what it declares ({@code static},
   * {@code const}, {@code public}, annotations): a pattern that omits them matches with or without.
   */
  static boolean isModifier(String kind) {
    return kind.contains("qualifier") || kind.contains("storage_class") || kind.contains("modifier")
        || kind.equals("attribute_list") || kind.equals("annotation") || kind.equals("marker_annotation")
        || kind.equals("decorator") || kind.equals("visibility_modifier");
  }

  private NodeKinds() {}

  static boolean isComment(String kind) {
    return kind.contains("comment");
  }
}
