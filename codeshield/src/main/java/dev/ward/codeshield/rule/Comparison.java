package dev.ward.codeshield.rule;

import dev.ward.codeshield.pattern.Bindings;
import dev.ward.codeshield.pattern.Bound;
import dev.ward.codeshield.regex.RegexPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The expression language of {@code metavariable-comparison}, a small subset of Python as Semgrep
 * accepts it: integers and floats, strings, {@code True}/{@code False}, metavariables, arithmetic
 * ({@code + - * / %}), comparisons ({@code == != < <= > >=}), {@code and}, {@code or},
 * {@code not}, parentheses, and the functions {@code int()}, {@code str()}, {@code len()} and
 * {@code re.match(regex, s)}.
 *
 * <p>A metavariable whose code is a number literal ({@code 1024}, {@code 0x400}, {@code 1_024L})
 * is that number; any other is its text, without quotes for a string literal. An unbound
 * metavariable or a type error makes the comparison false, never an exception during a scan.
 */
final class Comparison {
  private final String source;
  private final Node root;

  private Comparison(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  /** Parses an expression; a malformed one is an {@link IllegalArgumentException} saying where. */
  static Comparison parse(String source) {
    Parser parser = new Parser(source);
    Node root = parser.or();
    parser.skipSpace();
    if (parser.pos != source.length()) {
      throw parser.error("unexpected '" + source.substring(parser.pos) + "'");
    }
    return new Comparison(source, root);
  }

  boolean test(Bindings bindings) {
    try {
      return truthy(root.eval(bindings));
    } catch (EvalException | IllegalArgumentException e) {
      return false; // an unbound metavariable, a type mismatch or a bad re.match regex
    }
  }

  @Override
  public String toString() {
    return source;
  }

  private interface Node {
    Object eval(Bindings bindings);
  }

  private static final class EvalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EvalException() {
      super(null, null, false, false);
    }
  }

  private static boolean truthy(Object value) {
    return switch (value) {
      case Boolean b -> b;
      case Long l -> l != 0;
      case Double d -> d != 0;
      case String s -> !s.isEmpty();
      default -> false;
    };
  }

  /** A metavariable's value: a number when its text is a number literal, otherwise its text. */
  static Object valueOf(Bound bound) {
    String text = bound.text().strip();
    Optional<Object> number = number(text);
    if (number.isPresent()) {
      return number.get();
    }
    if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
        && text.charAt(text.length() - 1) == text.charAt(0)) {
      return text.substring(1, text.length() - 1);
    }
    return text;
  }

  static Optional<Object> number(String literal) {
    String t = literal.replace("_", "");
    if (!t.matches("(?i)-?0x.*")) {
      t = t.replaceAll("(?i)(ull|llu|ul|lu|ll|l|u|f|d|m)$", ""); // C, Java, C# suffixes; hex digits stay
    } else {
      t = t.replaceAll("(?i)(ull|llu|ul|lu|ll|l|u)$", "");
    }
    try {
      if (t.matches("(?i)-?0x[0-9a-f]+")) {
        return Optional.of(Long.parseLong(t.replaceFirst("(?i)0x", ""), 16));
      }
      if (t.matches("(?i)-?0b[01]+")) {
        return Optional.of(Long.parseLong(t.replaceFirst("(?i)0b", ""), 2));
      }
      if (t.matches("(?i)-?0o[0-7]+")) {
        return Optional.of(Long.parseLong(t.replaceFirst("(?i)0o", ""), 8));
      }
      if (t.matches("-?0[0-7]+")) {
        return Optional.of(Long.parseLong(t, 8)); // C's and Java's octal: file modes such as 0777
      }
      if (t.matches("-?[0-9]+")) {
        return Optional.of(Long.parseLong(t));
      }
      if (t.matches("-?[0-9]*\\.[0-9]+([eE][-+]?[0-9]+)?|-?[0-9]+[eE][-+]?[0-9]+")) {
        return Optional.of(Double.parseDouble(t));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static double asDouble(Object v) {
    return switch (v) {
      case Long l -> l;
      case Double d -> d;
      case Boolean b -> b ? 1 : 0;
      default -> throw new EvalException();
    };
  }

  private static Object arithmetic(String op, Object a, Object b) {
    if (op.equals("+") && a instanceof String s && b instanceof String t) {
      return s + t;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return switch (op) {
        case "+" -> x + y;
        case "-" -> x - y;
        case "*" -> x * y;
        case "/" -> y == 0 ? failed() : x / y;
        default -> y == 0 ? failed() : x % y;
      };
    }
    double x = asDouble(a);
    double y = asDouble(b);
    return switch (op) {
      case "+" -> x + y;
      case "-" -> x - y;
      case "*" -> x * y;
      case "/" -> y == 0 ? failed() : x / y;
      default -> y == 0 ? failed() : x % y;
    };
  }

  private static Object failed() {
    throw new EvalException();
  }

  private static boolean compare(String op, Object a, Object b) {
    int c;
    if (a instanceof String s && b instanceof String t) {
      c = s.compareTo(t);
    } else if (a instanceof String || b instanceof String) {
      if (op.equals("==")) {
        return false;
      }
      if (op.equals("!=")) {
        return true;
      }
      throw new EvalException();
    } else {
      c = Double.compare(asDouble(a), asDouble(b));
    }
    return switch (op) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  /** Recursive descent; the depth is bounded by the rule author's expression, not by scanned code. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("comparison '" + text + "' at column " + (pos + 1) + ": " + message);
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    boolean word(String w) {
      skipSpace();
      if (text.startsWith(w, pos) && (pos + w.length() == text.length()
          || !Character.isLetterOrDigit(text.charAt(pos + w.length())))) {
        pos += w.length();
        return true;
      }
      return false;
    }

    boolean symbol(String s) {
      skipSpace();
      if (text.startsWith(s, pos)) {
        pos += s.length();
        return true;
      }
      return false;
    }

    Node or() {
      Node left = and();
      while (word("or")) {
        Node l = left;
        Node r = and();
        left = b -> truthy(l.eval(b)) || truthy(r.eval(b));
      }
      return left;
    }

    Node and() {
      Node left = not();
      while (word("and")) {
        Node l = left;
        Node r = not();
        left = b -> truthy(l.eval(b)) && truthy(r.eval(b));
      }
      return left;
    }

    Node not() {
      if (word("not")) {
        Node inner = not();
        return b -> !truthy(inner.eval(b));
      }
      return comparison();
    }

    Node comparison() {
      Node left = sum();
      for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
        if (symbol(op)) {
          Node l = left;
          Node r = sum();
          return b -> compare(op, l.eval(b), r.eval(b));
        }
      }
      return left;
    }

    Node sum() {
      Node left = product();
      while (true) {
        String op = symbol("+") ? "+" : symbol("-") ? "-" : null;
        if (op == null) {
          return left;
        }
        Node l = left;
        Node r = product();
        left = b -> arithmetic(op, l.eval(b), r.eval(b));
      }
    }

    Node product() {
      Node left = unary();
      while (true) {
        String op = symbol("*") ? "*" : symbol("/") ? "/" : symbol("%") ? "%" : null;
        if (op == null) {
          return left;
        }
        Node l = left;
        Node r = unary();
        left = b -> arithmetic(op, l.eval(b), r.eval(b));
      }
    }

    Node unary() {
      if (symbol("-")) {
        Node inner = unary();
        return b -> arithmetic("-", 0L, inner.eval(b));
      }
      return atom();
    }

    Node atom() {
      skipSpace();
      if (pos >= text.length()) {
        throw error("expression ends too early");
      }
      char c = text.charAt(pos);
      if (symbol("(")) {
        Node inner = or();
        expect(")");
        return inner;
      }
      if (c == '$') {
        int start = pos++;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
          pos++;
        }
        String name = text.substring(start, pos);
        return b -> valueOf(b.get(name).orElseThrow(EvalException::new));
      }
      if (c == '"' || c == '\'') {
        int end = text.indexOf(c, pos + 1);
        if (end < 0) {
          throw error("unterminated string");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return b -> value;
      }
      if (Character.isDigit(c)) {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
            || text.charAt(pos) == '_')) {
          pos++;
        }
        Object value = number(text.substring(start, pos)).orElseThrow(() -> error("not a number: " + text.substring(start, pos)));
        return b -> value;
      }
      if (word("True")) {
        return b -> true;
      }
      if (word("False")) {
        return b -> false;
      }
      return call();
    }

    Node call() {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.' || text.charAt(pos) == '_')) {
        pos++;
      }
      String name = text.substring(start, pos);
      if (name.isEmpty()) {
        throw error("unexpected '" + text.charAt(pos) + "'");
      }
      expect("(");
      List<Node> args = new ArrayList<>();
      if (!symbol(")")) {
        do {
          args.add(or());
        } while (symbol(","));
        expect(")");
      }
      return switch (name) {
        case "int" -> unaryCall(name, args, v -> v instanceof String s
            ? number(s.strip()).orElseThrow(EvalException::new) : v instanceof Double d ? (Object) (long) (double) d : v);
        case "float" -> unaryCall(name, args, v -> asDouble(v instanceof String s ? number(s.strip()).orElseThrow(EvalException::new) : v));
        case "str" -> unaryCall(name, args, String::valueOf);
        case "len" -> unaryCall(name, args, v -> (long) String.valueOf(v).length());
        case "re.match" -> {
          if (args.size() != 2) {
            throw error("re.match takes 2 arguments, got " + args.size());
          }
          Node regex = args.get(0);
          Node subject = args.get(1);
          yield b -> RegexPattern.compile(String.valueOf(regex.eval(b))).matchesPrefix(String.valueOf(subject.eval(b)));
        }
        default -> throw error("unknown function " + name + "; known: int, float, str, len, re.match");
      };
    }

    private Node unaryCall(String name, List<Node> args, java.util.function.Function<Object, Object> f) {
      if (args.size() != 1) {
        throw error(name + " takes 1 argument, got " + args.size());
      }
      Node arg = args.getFirst();
      return b -> f.apply(arg.eval(b));
    }

    private void expect(String s) {
      if (!symbol(s)) {
        throw error("expected '" + s + "'");
      }
    }
  }
}
