package dev.ward.codeshield.syntax;

import java.util.Arrays;

/**
 * A parsed file as Ward's own compact, immutable tree: one pass over Tree-sitter's tree copies
 * every node into flat arrays in pre-order, so the matcher never crosses into native code again.
 *
 * <p>Nodes are {@code int} indices. The descendants of node {@code n} are exactly the indices
 * {@code n + 1 .. subtreeEnd(n) - 1}, so "every node below" is a loop, never a recursion, and
 * hostile nesting depth cannot overflow the stack. Offsets are Java {@code char} indices into
 * {@link #text()}; lines and columns are 0-based here and 1-based in findings.
 */
public final class SyntaxTree {
  private final Grammar grammar;
  private final String text;
  private final int size;
  private final int[] kind;
  private final int[] start;
  private final int[] end;
  private final int[] subtreeEnd;
  private final int[] parent;
  private final short[] field;
  private final int[] lineStarts;
  private final boolean hasError;
  private final int depth;

  SyntaxTree(Grammar grammar, String text, int size, int[] kind, int[] start, int[] end,
      int[] subtreeEnd, int[] parent, short[] field, boolean missingTokens) {
    this.grammar = grammar;
    this.text = text;
    this.size = size;
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.subtreeEnd = subtreeEnd;
    this.parent = parent;
    this.field = field;
    this.lineStarts = lineStarts(text);
    boolean error = missingTokens;
    for (int n = 0; n < size && !error; n++) {
      error = kind[n] == grammar.errorKind();
    }
    this.hasError = error;
    this.depth = depth(parent, size);
  }

  /** Nodes come in pre-order, so a parent's depth is known before its children's. */
  private static int depth(int[] parent, int size) {
    int[] depths = new int[size];
    int deepest = 0;
    for (int n = 0; n < size; n++) {
      depths[n] = parent[n] < 0 ? 0 : depths[parent[n]] + 1;
      deepest = Math.max(deepest, depths[n]);
    }
    return deepest;
  }

  /** The longest path from the root to a leaf, in edges. */
  public int depth() {
    return depth;
  }

  public Grammar grammar() {
    return grammar;
  }

  public String text() {
    return text;
  }

  public int size() {
    return size;
  }

  public int root() {
    return 0;
  }

  public int kind(int node) {
    return kind[node];
  }

  public String kindName(int node) {
    return grammar.kindName(kind[node]);
  }

  public boolean isNamed(int node) {
    return grammar.isNamed(kind[node]);
  }

  public boolean isComment(int node) {
    return grammar.isComment(kind[node]);
  }

  public int start(int node) {
    return start[node];
  }

  public int end(int node) {
    return end[node];
  }

  /** The index just past the last descendant of {@code node}. */
  public int subtreeEnd(int node) {
    return subtreeEnd[node];
  }

  /** The parent's index, or -1 for the root. */
  public int parent(int node) {
    return parent[node];
  }

  /** The name of the field this node fills in its parent ({@code left}, {@code arguments}...), or null. */
  public String fieldName(int node) {
    return grammar.fieldName(field[node]);
  }

  /**
   * Whether the node is a bare {@code ,} or {@code ;} token: separators that carry no meaning once
   * the tree exists, and that the matcher skips so that {@code f($X, ...)} matches {@code f(a)}.
   */
  public boolean isSeparator(int node) {
    if (isNamed(node) || end[node] - start[node] != 1) {
      return false;
    }
    char c = text.charAt(start[node]);
    return c == ',' || c == ';';
  }

  public boolean isLeaf(int node) {
    return subtreeEnd[node] == node + 1;
  }

  /** The first child, or -1. */
  public int firstChild(int node) {
    return subtreeEnd[node] > node + 1 ? node + 1 : -1;
  }

  /** The next sibling, or -1. */
  public int nextSibling(int node) {
    int p = parent[node];
    int next = subtreeEnd[node];
    return p >= 0 && next < subtreeEnd[p] ? next : -1;
  }

  /** The first named child that is not a comment, or -1. */
  public int firstNamedChild(int node) {
    for (int c = firstChild(node); c >= 0; c = nextSibling(c)) {
      if (isNamed(c) && !isComment(c)) {
        return c;
      }
    }
    return -1;
  }

  /** The child filling {@code fieldName}, or -1. */
  public int childByField(int node, String fieldName) {
    for (int c = firstChild(node); c >= 0; c = nextSibling(c)) {
      if (fieldName.equals(fieldName(c))) {
        return c;
      }
    }
    return -1;
  }

  public String text(int node) {
    return text.substring(start[node], end[node]);
  }

  /** Whether Tree-sitter had to recover from a syntax error anywhere: an ERROR node or a token it made up. */
  public boolean hasError() {
    return hasError;
  }

  /** 0-based line of a char offset. */
  public int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i : -i - 2;
  }

  /** 0-based column (in chars) of a char offset. */
  public int column(int offset) {
    return offset - lineStarts[line(offset)];
  }

  /** The char offset where a 0-based line starts. */
  public int lineStart(int line) {
    return lineStarts[line];
  }

  /**
   * Whether two subtrees are the same code: the same sequence of leaf tokens, ignoring
   * whitespace and comments. This is how a metavariable that binds twice is checked.
   */
  public static boolean sameCode(SyntaxTree a, int nodeA, SyntaxTree b, int nodeB) {
    if (a == b && nodeA == nodeB) {
      return true;
    }
    int i = nodeA;
    int j = nodeB;
    int endA = a.subtreeEnd(nodeA);
    int endB = b.subtreeEnd(nodeB);
    while (true) {
      i = nextLeaf(a, i, endA);
      j = nextLeaf(b, j, endB);
      if (i < 0 || j < 0) {
        return i < 0 && j < 0;
      }
      if (!a.text.regionMatches(a.start[i], b.text, b.start[j], a.end[i] - a.start[i])
          || a.end[i] - a.start[i] != b.end[j] - b.start[j]) {
        return false;
      }
      i++;
      j++;
    }
  }

  private static int nextLeaf(SyntaxTree t, int from, int end) {
    for (int n = from; n < end; n++) {
      if (t.isComment(n)) {
        n = t.subtreeEnd(n) - 1;
      } else if (t.isLeaf(n)) {
        return n;
      }
    }
    return -1;
  }

  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  /** The tree as an S-expression with field names, for tests and for rule authors debugging a pattern. */
  public String sexp() {
    StringBuilder out = new StringBuilder();
    sexp(0, out);
    return out.toString();
  }

  private void sexp(int node, StringBuilder out) {
    String f = fieldName(node);
    if (f != null) {
      out.append(f).append(": ");
    }
    if (!isNamed(node)) {
      out.append('"').append(text(node)).append('"');
      return;
    }
    out.append('(').append(kindName(node));
    if (isLeaf(node)) {
      out.append(' ').append(text(node));
    }
    for (int c = firstChild(node); c >= 0; c = nextSibling(c)) {
      out.append(' ');
      sexp(c, out);
    }
    out.append(')');
  }
}
