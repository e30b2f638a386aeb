package dev.ward.codeshield.syntax;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.ward.codeshield.lang.Language;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Parses text into {@link SyntaxTree}s. Thread-safe: grammars load once, on first use, and native
 * parsers (which are not thread-safe) are pooled per language, so concurrent scans each borrow
 * their own.
 */
public final class Parsers {
  private static final Map<Language, Grammar> GRAMMARS = new EnumMap<>(Language.class);
  private static final Map<Language, Queue<NativeParser>> POOLS = new EnumMap<>(Language.class);

  /**
   * A Tree-sitter parser with its own cancellation flag (a {@code size_t} Tree-sitter polls while it
   * parses). Both live as long as the pool: parsers are reused, never freed.
   */
  private record NativeParser(MemorySegment parser, MemorySegment cancelFlag) {}

  private Parsers() {}

  /** The grammar of a language, loading its native library on first use. */
  public static Grammar grammar(Language language) {
    synchronized (GRAMMARS) {
      try {
        return GRAMMARS.computeIfAbsent(language, l -> {
          POOLS.put(l, new ConcurrentLinkedQueue<>());
          return l.hasGrammar() ? Grammar.load(l) : Grammar.plainText(l);
        });
      } catch (ExceptionInInitializerError e) {
        // a missing or misconfigured native library: say what, not where in class loading
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(e.getCause()), e);
      }
    }
  }

  /** Parses {@code text} without a deadline beyond {@code limits}; see {@link #parse(Language, String, ParseLimits, Budget)}. */
  public static SyntaxTree parse(Language language, String text, ParseLimits limits) {
    return parse(language, text, limits, Budget.unlimited());
  }

  /**
   * Parses {@code text}. Syntax errors do not fail: Tree-sitter recovers and the tree holds
   * {@code ERROR} nodes. Limits do: a text longer than {@code limits.maxChars()}, a parse slower
   * than {@code limits.parseTimeout()} or a tree with more than {@code limits.maxNodes()} nodes
   * throws {@link ParseException}. The parse also stops when {@code budget} runs out or is
   * cancelled, which throws {@link Budget.Exhausted}: Tree-sitter polls its cancellation flag as it
   * parses, so a cancel takes effect within milliseconds.
   */
  public static SyntaxTree parse(Language language, String text, ParseLimits limits, Budget budget) {
    if (text.length() > limits.maxChars()) {
      throw new ParseException(ParseException.Reason.TOO_LARGE, "input has " + text.length()
          + " characters, more than the limit of " + limits.maxChars());
    }
    budget.check();
    Grammar grammar = grammar(language);
    if (!language.hasGrammar()) {
      return PlainText.parse(grammar, text, limits.maxNodes());
    }
    Queue<NativeParser> pool;
    synchronized (GRAMMARS) {
      pool = POOLS.get(language);
    }
    NativeParser parser = pool.poll();
    try {
      if (parser == null) {
        parser = newParser(grammar);
      }
      return parse(grammar, parser, text, limits, budget);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native parse failed: " + t, t);
    } finally {
      if (parser != null) {
        pool.offer(parser);
      }
    }
  }

  private static NativeParser newParser(Grammar grammar) throws Throwable {
    MemorySegment parser = (MemorySegment) TreeSitter.PARSER_NEW.invokeExact();
    if (!(boolean) TreeSitter.PARSER_SET_LANGUAGE.invokeExact(parser, grammar.pointer())) {
      throw new IllegalStateException("the " + grammar.language() + " grammar's ABI is not supported by the Tree-sitter library");
    }
    MemorySegment flag = Arena.global().allocate(JAVA_LONG);
    TreeSitter.PARSER_SET_CANCELLATION_FLAG.invokeExact(parser, flag);
    return new NativeParser(parser, flag);
  }

  private static SyntaxTree parse(Grammar grammar, NativeParser parser, String text, ParseLimits limits, Budget budget)
      throws Throwable {
    long remainingMicros = budget.remainingNanos() / 1000;
    long limitMicros = Math.max(1L, limits.parseTimeout().toNanos() / 1000);
    boolean budgetFirst = remainingMicros < limitMicros;
    try (Arena arena = Arena.ofConfined()) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_16LE);
      MemorySegment source = arena.allocate(Math.max(bytes.length, 2));
      MemorySegment.copy(bytes, 0, source, JAVA_BYTE, 0, bytes.length);
      TreeSitter.PARSER_SET_TIMEOUT.invokeExact(parser.parser(), Math.max(1L, Math.min(limitMicros, remainingMicros)));
      MemorySegment tree;
      budget.onCancel(() -> parser.cancelFlag().set(JAVA_LONG, 0, 1L));
      try {
        tree = (MemorySegment) TreeSitter.PARSE_STRING_ENCODING.invokeExact(
            parser.parser(), MemorySegment.NULL, source, bytes.length, TreeSitter.UTF16LE);
      } finally {
        budget.onCancel(null); // after this, no cancel can raise the flag of a parser back in the pool
        parser.cancelFlag().set(JAVA_LONG, 0, 0L);
      }
      if (tree.equals(MemorySegment.NULL)) {
        // A halted parse resumes on the next call unless the parser is reset.
        TreeSitter.PARSER_RESET.invokeExact(parser.parser());
        if (budget.cancelled()) {
          budget.check();
        }
        if (budgetFirst) {
          throw new Budget.Exhausted(false); // the scan's deadline came before the parse timeout
        }
        throw new ParseException(ParseException.Reason.TIMEOUT, "parsing took longer than "
            + describe(limits.parseTimeout()));
      }
      try {
        return copy(grammar, arena, tree, text, limits.maxNodes(), budget);
      } finally {
        TreeSitter.TREE_DELETE.invokeExact(tree);
      }
    }
  }

  /** Walks Tree-sitter's tree once with a cursor, in pre-order, into flat arrays. */
  private static SyntaxTree copy(Grammar grammar, Arena arena, MemorySegment tree, String text, int maxNodes,
      Budget budget) throws Throwable {
    MemorySegment root = (MemorySegment) TreeSitter.TREE_ROOT.invokeExact((SegmentAllocator) arena, tree);
    MemorySegment cursor = (MemorySegment) TreeSitter.CURSOR_NEW.invokeExact((SegmentAllocator) arena, root);
    MemorySegment nodeBuffer = arena.allocate(TreeSitter.NODE);
    SegmentAllocator reuse = (size, alignment) -> nodeBuffer;
    int capacity = Math.max(64, text.length() / 3);
    int[] kind = new int[capacity];
    int[] start = new int[capacity];
    int[] end = new int[capacity];
    int[] subtreeEnd = new int[capacity];
    int[] parent = new int[capacity];
    short[] field = new short[capacity];
    int[] open = new int[64];
    int depth = 0;
    int size = 0;
    boolean missing = false;
    try {
      walk:
      while (true) {
        if (size == maxNodes) {
          throw new ParseException(ParseException.Reason.TOO_MANY_NODES,
              "the syntax tree has more than " + maxNodes + " nodes");
        }
        if (size == capacity) {
          capacity = (int) Math.min((long) capacity * 2, maxNodes);
          kind = Arrays.copyOf(kind, capacity);
          start = Arrays.copyOf(start, capacity);
          end = Arrays.copyOf(end, capacity);
          subtreeEnd = Arrays.copyOf(subtreeEnd, capacity);
          parent = Arrays.copyOf(parent, capacity);
          field = Arrays.copyOf(field, capacity);
        }
        budget.step();
        MemorySegment node = (MemorySegment) TreeSitter.CURSOR_NODE.invokeExact(reuse, cursor);
        int n = size++;
        start[n] = node.get(JAVA_INT, 0) >>> 1;
        end[n] = ((int) TreeSitter.NODE_END_BYTE.invokeExact(node)) >>> 1;
        kind[n] = grammar.kindOf((short) TreeSitter.NODE_SYMBOL.invokeExact(node));
        field[n] = (short) TreeSitter.CURSOR_FIELD.invokeExact(cursor);
        parent[n] = depth == 0 ? -1 : open[depth - 1];
        if ((boolean) TreeSitter.CURSOR_FIRST_CHILD.invokeExact(cursor)) {
          if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
          }
          open[depth++] = n;
          continue;
        }
        if (start[n] == end[n] && n > 0) {
          // A zero-width leaf is usually a token Tree-sitter invented to recover from an error.
          missing |= (boolean) TreeSitter.NODE_IS_MISSING.invokeExact(node);
          size--;
        } else {
          subtreeEnd[n] = size;
        }
        while (!(boolean) TreeSitter.CURSOR_NEXT_SIBLING.invokeExact(cursor)) {
          if (!(boolean) TreeSitter.CURSOR_PARENT.invokeExact(cursor)) {
            break walk;
          }
          subtreeEnd[open[--depth]] = size;
        }
      }
      while (depth > 0) {
        subtreeEnd[open[--depth]] = size;
      }
    } finally {
      TreeSitter.CURSOR_DELETE.invokeExact(cursor);
    }
    return new SyntaxTree(grammar, text, size, kind, start, end, subtreeEnd, parent, field, missing);
  }

  private static String describe(Duration d) {
    return d.toMillis() >= 1000 ? d.toMillis() / 1000.0 + " s" : d.toMillis() + " ms";
  }
}
