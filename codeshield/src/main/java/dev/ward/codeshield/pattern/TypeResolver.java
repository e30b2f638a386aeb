package dev.ward.codeshield.pattern;

import dev.ward.codeshield.syntax.SyntaxTree;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What typed metavariables know about types: the declared type of each name in the file (from
 * declarations and parameters that have a {@code type} field), the type of string literals, and
 * the class of {@code new T(...)}. Flow- and scope-insensitive: the last declaration of a name
 * wins, which is right for the short snippets LLMs produce and wrong only for shadowing.
 */
final class TypeResolver {
  private static final Set<String> STRING_TYPES = Set.of(
      "String", "java.lang.String", "string", "str", "char*", "constchar*", "&str", "std::string", "CharSequence");
  private static final Set<String> DECLARED_NAME_FIELDS = Set.of("declarator", "name", "pattern", "left");

  private final SyntaxTree tree;
  private final Map<String, String> declared = new HashMap<>();
  /** The longest declared name: a longer node cannot be one, and is not copied out to look it up. */
  private int longestName;

  TypeResolver(SyntaxTree tree) {
    this.tree = tree;
    for (int n = 0; n < tree.size(); n++) {
      int type = tree.childByField(n, "type");
      if (type < 0) {
        continue;
      }
      String typeText = normalize(tree.text(type));
      for (int c = tree.firstChild(n); c >= 0; c = tree.nextSibling(c)) {
        String field = tree.fieldName(c);
        if (field != null && DECLARED_NAME_FIELDS.contains(field)) {
          declare(c, typeText);
        } else if (field == null && tree.kindName(c).equals("variable_declarator")) {
          declare(c, typeText); // Java, C#: `T a = 1, b;` puts declarators beside the type
        }
      }
    }
  }

  /** Records the first identifier inside a declarator, with pointer stars added to the type. */
  private void declare(int declarator, String type) {
    String t = type;
    for (int n = declarator; n < tree.subtreeEnd(declarator); n++) {
      String kind = tree.kindName(n);
      if (kind.startsWith("pointer")) {
        t = t + "*";
      } else if (tree.isLeaf(n) && tree.isNamed(n) && kind.contains("identifier")) {
        declared.put(tree.text(n), t);
        longestName = Math.max(longestName, tree.end(n) - tree.start(n));
        return;
      }
    }
  }

  /** Whether the node's type is {@code wanted}, as far as this file tells. */
  boolean hasType(int node, String wanted) {
    String want = normalize(wanted);
    if (tree.grammar().isString(tree.kind(node))) {
      return STRING_TYPES.contains(want);
    }
    String kind = tree.kindName(node);
    if (kind.contains("creation") || kind.equals("new_expression")) {
      int type = tree.childByField(node, "type");
      if (type < 0) {
        type = tree.childByField(node, "constructor");
      }
      return type >= 0 && sameType(normalize(tree.text(type)), want);
    }
    if (tree.end(node) - tree.start(node) > longestName) {
      return false;
    }
    String actual = declared.get(tree.text(node));
    return actual != null && sameType(actual, want);
  }

  private static boolean sameType(String actual, String wanted) {
    return actual.equals(wanted) || actual.endsWith("." + wanted) || wanted.endsWith("." + actual)
        || actual.endsWith("::" + wanted) || (STRING_TYPES.contains(actual) && STRING_TYPES.contains(wanted));
  }

  /** Without whitespace, and without the {@code :} that TypeScript and Python annotations include. */
  private static String normalize(String type) {
    String t = type.replaceAll("\\s+", "");
    return t.startsWith(":") ? t.substring(1) : t;
  }
}
