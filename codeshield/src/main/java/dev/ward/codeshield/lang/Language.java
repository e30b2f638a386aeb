package dev.ward.codeshield.lang;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The languages Code Shield scans, backed by a real Tree-sitter grammar where one exists. Ids are the ones
 * CyberSecEval writes ({@code c}, {@code cpp}, {@code csharp}, ...); aliases are what people put
 * on Markdown fences and what file extensions say.
 */
public enum Language {
  C("c", "TreeSitterC", "tree_sitter_c", List.of("h"), List.of("c", "h"), "//"),
  CPP("cpp", "TreeSitterCpp", "tree_sitter_cpp",
      List.of("c++", "cc", "cxx", "hpp", "hh", "hxx", "cplusplus"),
      List.of("cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx"), "//"),
  CSHARP("csharp", "TreeSitterCSharp", "tree_sitter_c_sharp", List.of("c#", "cs", "c-sharp", "dotnet"),
      List.of("cs"), "//"),
  JAVA("java", "TreeSitterJava", "tree_sitter_java", List.of(), List.of("java"), "//"),
  JAVASCRIPT("javascript", "TreeSitterJavascript", "tree_sitter_javascript",
      List.of("js", "jsx", "node", "nodejs", "mjs", "cjs", "ecmascript"), List.of("js", "jsx", "mjs", "cjs"), "//"),
  TYPESCRIPT("typescript", "TreeSitterTypescript", "tree_sitter_typescript", List.of("ts", "tsx", "mts", "cts"),
      List.of("ts", "mts", "cts"), "//"),
  PHP("php", "TreeSitterPhp", "tree_sitter_php", List.of("php3", "php4", "php5", "php7", "php8", "phtml"),
      List.of("php", "phtml"), "//", "#"),
  PYTHON("python", "TreeSitterPython", "tree_sitter_python", List.of("py", "python3", "py3", "python2", "gyp"),
      List.of("py", "pyw"), "#"),
  RUST("rust", "TreeSitterRust", "tree_sitter_rust", List.of("rs"), List.of("rs"), "//"),
  GO("go", "TreeSitterGo", "tree_sitter_go", List.of("golang"), List.of("go"), "//"),
  KOTLIN("kotlin", "TreeSitterKotlin", "tree_sitter_kotlin", List.of("kt", "kts"), List.of("kt", "kts"), "//"),
  RUBY("ruby", "TreeSitterRuby", "tree_sitter_ruby", List.of("rb", "jruby"), List.of("rb"), "#"),
  SWIFT("swift", "TreeSitterSwift", "tree_sitter_swift", List.of(), List.of("swift"), "//"),
  /**
   * No Objective-C grammar is packaged, so its code is read with C's, which is enough to tell
   * comments from code; Objective-C rules are regex rules.
   */
  OBJECTIVE_C("objective-c", "TreeSitterC", "tree_sitter_c",
      List.of("objc", "objectivec", "objective_c", "obj-c", "objective-c++", "objc++", "objcpp"), List.of("m", "mm"), "//"),
  /** Android manifests and configs, web.config: no grammar, so its rules are {@code pattern-regex} only. */
  XML("xml", null, null, List.of("android-manifest", "xhtml"), List.of("xml"), "<!--");

  private static final Map<String, Language> BY_NAME = Stream.of(values())
      .flatMap(l -> Stream.concat(Stream.of(l.id), l.aliases.stream()).map(name -> Map.entry(name, l)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  private static final Map<String, Language> BY_EXTENSION = Stream.of(values())
      .flatMap(l -> l.extensions.stream().map(ext -> Map.entry(ext, l)))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));

  private final String id;
  private final String grammarClass;
  private final String grammarSymbol;
  private final List<String> aliases;
  private final List<String> extensions;
  private final List<String> lineComments;

  Language(String id, String grammarClass, String grammarSymbol, List<String> aliases,
      List<String> extensions, String... lineComments) {
    this.id = id;
    this.grammarClass = grammarClass;
    this.grammarSymbol = grammarSymbol;
    this.aliases = aliases;
    this.extensions = extensions;
    this.lineComments = List.of(lineComments);
  }

  /** The canonical id, as CyberSecEval writes it. */
  public String id() {
    return id;
  }

  /**
   * Whether a Tree-sitter grammar parses this language. Without one, the text is scanned as is by
   * regex rules only, with its comments known (see {@code PlainText}).
   */
  public boolean hasGrammar() {
    return grammarClass != null;
  }

  /** The simple name of the {@code org.treesitter} class whose loading brings in the grammar. */
  public String grammarClass() {
    return grammarClass;
  }

  /** The C function that returns the grammar's {@code TSLanguage}. */
  public String grammarSymbol() {
    return grammarSymbol;
  }

  /** File extensions, without the dot, the first being the one rule test files use. */
  public List<String> extensions() {
    return extensions;
  }

  /** Line-comment markers, used to read {@code ruleid:} annotations in rule tests. */
  public List<String> lineComments() {
    return lineComments;
  }

  /** The language for an id, alias or fence tag (case-insensitive), if any. */
  public static Optional<Language> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  /** The language for an id or alias; unknown names are an error that lists the known ids. */
  public static Language of(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown language '" + name + "'; known: " + ids()));
  }

  /** The language a file name's extension says, if any. */
  public static Optional<Language> forFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
  }

  /** The canonical ids, comma-separated, for error messages and help. */
  public static String ids() {
    return Arrays.stream(values()).map(Language::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
