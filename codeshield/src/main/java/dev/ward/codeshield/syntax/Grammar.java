package dev.ward.codeshield.syntax;

import dev.ward.codeshield.lang.Language;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One language's loaded Tree-sitter grammar: its {@code TSLanguage}, its node kinds by name, and
 * which kinds the engine treats specially. Immutable and shared; parsing goes through
 * {@link Parsers}.
 *
 * <p>Kind ids are canonical: Tree-sitter can give one visible name several symbols (aliases), and
 * the matcher compares kinds by id, so every symbol maps to the first symbol with its name and
 * namedness. The error node, symbol 0xFFFF, gets the id {@link #errorKind()}.
 */
public final class Grammar {
  private final Language language;
  private final MemorySegment pointer;
  private final String[] names;
  private final boolean[] named;
  private final int[] canonical;
  private final boolean[] comment;
  private final boolean[] string;
  private final boolean[] chainLink;
  private final boolean[] function;
  private final boolean[] parentheses;
  private final boolean[] modifier;
  private final String[] fieldNames;

  /** Reads the node kinds and fields of {@code language}'s native grammar. */
  static Grammar load(Language language) {
    MemorySegment pointer = TreeSitter.language(language.grammarClass(), language.grammarSymbol());
    try {
      int count = (int) TreeSitter.LANGUAGE_SYMBOL_COUNT.invokeExact(pointer);
      String[] names = new String[count + 1];
      boolean[] named = new boolean[count + 1];
      int[] canonical = new int[count + 1];
      Map<String, Integer> first = new HashMap<>();
      for (int symbol = 0; symbol < count; symbol++) {
        names[symbol] = TreeSitter.cString((MemorySegment) TreeSitter.LANGUAGE_SYMBOL_NAME.invokeExact(pointer, (short) symbol));
        named[symbol] = (int) TreeSitter.LANGUAGE_SYMBOL_TYPE.invokeExact(pointer, (short) symbol) == TreeSitter.SYMBOL_REGULAR;
        int self = symbol;
        canonical[symbol] = first.computeIfAbsent((named[symbol] ? "n:" : "a:") + names[symbol], k -> self);
      }
      names[count] = "ERROR";
      named[count] = true;
      canonical[count] = count;
      int fields = (int) TreeSitter.LANGUAGE_FIELD_COUNT.invokeExact(pointer);
      String[] fieldNames = new String[fields + 1];
      for (int field = 1; field <= fields; field++) {
        fieldNames[field] = TreeSitter.cString((MemorySegment) TreeSitter.LANGUAGE_FIELD_NAME.invokeExact(pointer, (short) field));
      }
      return new Grammar(language, pointer, names, named, canonical, fieldNames);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read the " + language + " grammar: " + t, t);
    }
  }

  /** The kinds of a language without a grammar: the whole text, and its comments ({@link PlainText}). */
  static Grammar plainText(Language language) {
    String[] names = {PlainText.DOCUMENT, PlainText.COMMENT, "ERROR"};
    return new Grammar(language, null, names, new boolean[] {true, true, true}, new int[] {0, 1, 2}, new String[1]);
  }

  private Grammar(Language language, MemorySegment pointer, String[] names, boolean[] named, int[] canonical,
      String[] fieldNames) {
    this.language = language;
    this.pointer = pointer;
    this.names = names;
    this.named = named;
    this.canonical = canonical;
    this.fieldNames = fieldNames;
    Set<String> strings = NodeKinds.STRINGS.getOrDefault(language, Set.of());
    comment = flags(NodeKinds::isComment);
    string = flags(strings::contains);
    chainLink = flags(NodeKinds.CHAIN_LINKS::contains);
    function = flags(NodeKinds.FUNCTIONS::contains);
    parentheses = flags(NodeKinds.PARENTHESES::contains);
    modifier = flags(NodeKinds::isModifier);
  }

  private boolean[] flags(Predicate<String> test) {
    boolean[] result = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      result[i] = names[i] != null && named[i] && test.test(names[i]);
    }
    return result;
  }

  public Language language() {
    return language;
  }

  MemorySegment pointer() {
    return pointer;
  }

  /** The canonical kind id for a raw symbol from the parser. */
  int kindOf(short symbol) {
    int s = Short.toUnsignedInt(symbol);
    return s >= canonical.length - 1 ? canonical.length - 1 : canonical[s];
  }

  public int errorKind() {
    return names.length - 1;
  }

  public String kindName(int kind) {
    return names[kind];
  }

  public boolean isNamed(int kind) {
    return named[kind];
  }

  public boolean isComment(int kind) {
    return comment[kind];
  }

  public boolean isString(int kind) {
    return string[kind];
  }

  public boolean isChainLink(int kind) {
    return chainLink[kind];
  }

  public boolean isFunction(int kind) {
    return function[kind];
  }

  public boolean isParentheses(int kind) {
    return parentheses[kind];
  }

  public boolean isModifier(int kind) {
    return modifier[kind];
  }

  public String fieldName(int field) {
    return field <= 0 || field >= fieldNames.length ? null : fieldNames[field];
  }

  @Override
  public String toString() {
    return "Grammar[" + language + ", " + (names.length - 1) + " kinds, " + Arrays.stream(fieldNames).filter(f -> f != null).count() + " fields]";
  }
}
