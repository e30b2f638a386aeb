package dev.ward.codeshield.syntax;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few Tree-sitter C functions Ward calls, bound with the FFM API.
 *
 * <p>Why not the {@code org.treesitter} Java classes: their JNI methods cost about 1.3 µs per node
 * access (each call marshals a {@code TSNode} object), which made converting a 200-line file take
 * ~45 ms. Direct downcalls walk the same tree in ~3 ms. We still use the {@code io.github.bonede}
 * jars: they carry the native libraries for each platform and load them when their classes
 * initialise, after which the symbols are visible to {@link SymbolLookup#loaderLookup()}.
 *
 * <p>Optimized libraries: when the system property {@code ward.treesitter.dir} or the environment
 * variable {@code WARD_TREESITTER_DIR} names a folder built by
 * {@code codeshield/native/build-treesitter.sh} ({@code libtree-sitter.so} and one
 * {@code libtree-sitter-<grammar>.so} per language), those are used instead: the jars' natives are
 * compiled without optimization and parse about three times slower.
 *
 * <p>Layouts follow {@code tree_sitter/api.h} (ABI 14/15): {@code TSNode} is
 * {@code {uint32_t context[4]; const void *id; const TSTree *tree;}}, whose {@code context[0]} is
 * the start byte, and {@code TSTreeCursor} is {@code {const void *tree; const void *id;
 * uint32_t context[3];}}.
 */
final class TreeSitter {
  static final StructLayout NODE = MemoryLayout.structLayout(
      MemoryLayout.sequenceLayout(4, JAVA_INT).withName("context"),
      ADDRESS.withName("id"), ADDRESS.withName("tree"));
  static final StructLayout CURSOR = MemoryLayout.structLayout(
      ADDRESS.withName("tree"), ADDRESS.withName("id"),
      MemoryLayout.sequenceLayout(3, JAVA_INT).withName("context"), MemoryLayout.paddingLayout(4));
  /** {@code TSInputEncodingUTF16LE}: offsets come back as twice the Java char index. */
  static final int UTF16LE = 1;
  /** {@code TSSymbolType}: 0 regular (named), 1 anonymous, 2 supertype, 3 auxiliary. */
  static final int SYMBOL_REGULAR = 0;

  static final MethodHandle PARSER_NEW;
  static final MethodHandle PARSER_SET_LANGUAGE;
  static final MethodHandle PARSER_SET_TIMEOUT;
  static final MethodHandle PARSER_RESET;
  static final MethodHandle PARSER_SET_CANCELLATION_FLAG;
  static final MethodHandle PARSE_STRING_ENCODING;
  static final MethodHandle TREE_ROOT;
  static final MethodHandle TREE_DELETE;
  static final MethodHandle CURSOR_NEW;
  static final MethodHandle CURSOR_DELETE;
  static final MethodHandle CURSOR_NODE;
  static final MethodHandle CURSOR_FIELD;
  static final MethodHandle CURSOR_FIRST_CHILD;
  static final MethodHandle CURSOR_NEXT_SIBLING;
  static final MethodHandle CURSOR_PARENT;
  static final MethodHandle NODE_SYMBOL;
  static final MethodHandle NODE_END_BYTE;
  static final MethodHandle NODE_IS_MISSING;
  static final MethodHandle LANGUAGE_SYMBOL_COUNT;
  static final MethodHandle LANGUAGE_SYMBOL_NAME;
  static final MethodHandle LANGUAGE_SYMBOL_TYPE;
  static final MethodHandle LANGUAGE_FIELD_COUNT;
  static final MethodHandle LANGUAGE_FIELD_NAME;

  /** The optimized libraries' folder, if configured. */
  private static final Path CUSTOM_DIR = customDirectory();
  private static final SymbolLookup CORE = coreLookup();

  static {
    PARSER_NEW = bind("ts_parser_new", FunctionDescriptor.of(ADDRESS));
    PARSER_SET_LANGUAGE = bind("ts_parser_set_language", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, ADDRESS));
    PARSER_SET_TIMEOUT = bind("ts_parser_set_timeout_micros", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
    PARSER_RESET = bind("ts_parser_reset", FunctionDescriptor.ofVoid(ADDRESS));
    PARSER_SET_CANCELLATION_FLAG = bind("ts_parser_set_cancellation_flag", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    PARSE_STRING_ENCODING = bind("ts_parser_parse_string_encoding",
        FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    TREE_ROOT = bindCritical("ts_tree_root_node", FunctionDescriptor.of(NODE, ADDRESS));
    TREE_DELETE = bind("ts_tree_delete", FunctionDescriptor.ofVoid(ADDRESS));
    CURSOR_NEW = bindCritical("ts_tree_cursor_new", FunctionDescriptor.of(CURSOR, NODE));
    CURSOR_DELETE = bindCritical("ts_tree_cursor_delete", FunctionDescriptor.ofVoid(ADDRESS));
    CURSOR_NODE = bindCritical("ts_tree_cursor_current_node", FunctionDescriptor.of(NODE, ADDRESS));
    CURSOR_FIELD = bindCritical("ts_tree_cursor_current_field_id", FunctionDescriptor.of(JAVA_SHORT, ADDRESS));
    CURSOR_FIRST_CHILD = bindCritical("ts_tree_cursor_goto_first_child", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    CURSOR_NEXT_SIBLING = bindCritical("ts_tree_cursor_goto_next_sibling", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    CURSOR_PARENT = bindCritical("ts_tree_cursor_goto_parent", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    NODE_SYMBOL = bindCritical("ts_node_symbol", FunctionDescriptor.of(JAVA_SHORT, NODE));
    NODE_END_BYTE = bindCritical("ts_node_end_byte", FunctionDescriptor.of(JAVA_INT, NODE));
    NODE_IS_MISSING = bindCritical("ts_node_is_missing", FunctionDescriptor.of(JAVA_BOOLEAN, NODE));
    LANGUAGE_SYMBOL_COUNT = bind("ts_language_symbol_count", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    LANGUAGE_SYMBOL_NAME = bind("ts_language_symbol_name", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_SHORT));
    LANGUAGE_SYMBOL_TYPE = bind("ts_language_symbol_type", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    LANGUAGE_FIELD_COUNT = bind("ts_language_field_count", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    LANGUAGE_FIELD_NAME = bind("ts_language_field_name_for_id", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_SHORT));
  }

  private TreeSitter() {}

  /** Loads a grammar's native library and returns its {@code TSLanguage *}. */
  static MemorySegment language(String grammarClass, String symbol) {
    SymbolLookup lookup;
    if (CUSTOM_DIR != null) {
      lookup = library(CUSTOM_DIR.resolve("lib" + symbol.replace('_', '-') + ".so"));
    } else {
      loadClass(grammarClass);
      lookup = SymbolLookup.loaderLookup();
    }
    try {
      return (MemorySegment) bind(lookup, symbol, FunctionDescriptor.of(ADDRESS)).invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException("cannot get grammar " + symbol + ": " + t, t);
    }
  }

  private static Path customDirectory() {
    String dir = System.getProperty("ward.treesitter.dir", System.getenv("WARD_TREESITTER_DIR"));
    if (dir == null || dir.isBlank()) {
      return null;
    }
    Path path = Path.of(dir);
    if (!Files.isRegularFile(path.resolve("libtree-sitter.so"))) {
      throw new IllegalStateException("ward.treesitter.dir / WARD_TREESITTER_DIR is " + dir
          + " but it has no libtree-sitter.so; build it with codeshield/native/build-treesitter.sh");
    }
    return path;
  }

  private static SymbolLookup coreLookup() {
    if (CUSTOM_DIR != null) {
      return library(CUSTOM_DIR.resolve("libtree-sitter.so"));
    }
    loadClass("TSParser");
    return SymbolLookup.loaderLookup();
  }

  @SuppressWarnings("restricted") // loading a native library is this class's purpose
  private static SymbolLookup library(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("native library " + file + " is missing; rebuild with codeshield/native/build-treesitter.sh");
    }
    return SymbolLookup.libraryLookup(file, Arena.global());
  }

  /** Reads a NUL-terminated C string that the library owns (symbol and field names). */
  @SuppressWarnings("restricted") // native access is this class's purpose; the launcher enables it
  static String cString(MemorySegment pointer) {
    return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
  }

  private static void loadClass(String simpleName) {
    try {
      Class.forName("org.treesitter." + simpleName, true, TreeSitter.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("Tree-sitter class org.treesitter." + simpleName
          + " is not on the class path or its native library failed to load: " + e, e);
    }
  }

  private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
    return bind(CORE, name, descriptor, options);
  }

  @SuppressWarnings("restricted") // native access is this class's purpose; the launcher enables it
  private static MethodHandle bind(SymbolLookup lookup, String name, FunctionDescriptor descriptor,
      Linker.Option... options) {
    MemorySegment address = lookup.find(name).orElseThrow(() ->
        new IllegalStateException("native symbol " + name + " not found; is the Tree-sitter library loaded?"));
    return Linker.nativeLinker().downcallHandle(address, descriptor, options);
  }

  /**
   * For the tree-walking calls, which are short, never block and never call back into Java: a
   * critical downcall skips the thread-state transition (about 10% of the walk). Never for parsing,
   * which can run for the whole parse timeout.
   */
  private static MethodHandle bindCritical(String name, FunctionDescriptor descriptor) {
    return bind(name, descriptor, Linker.Option.critical(false));
  }
}
