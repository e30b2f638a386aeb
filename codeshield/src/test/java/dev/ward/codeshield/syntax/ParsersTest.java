package dev.ward.codeshield.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ward.codeshield.lang.Language;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParsersTest {
  private static final Map<Language, String> HELLO = Map.ofEntries(
      Map.entry(Language.C, "int main(void) { printf(\"hi\"); return 0; }"),
      Map.entry(Language.CPP, "int main() { std::cout << \"hi\"; auto p = new int[4]; }"),
      Map.entry(Language.CSHARP, "class A { void F() { Console.WriteLine(\"hi\"); } }"),
      Map.entry(Language.JAVA, "class A { void f() { System.out.println(\"hi\"); } }"),
      Map.entry(Language.JAVASCRIPT, "const f = (a) => console.log(`hi ${a}`);"),
      Map.entry(Language.TYPESCRIPT, "const f = (a: string): void => console.log(a);"),
      Map.entry(Language.PHP, "<?php echo \"hi\" . $name; ?>"),
      Map.entry(Language.PYTHON, "def f(a):\n    print(f'hi {a}')\n"),
      Map.entry(Language.RUST, "fn main() { let s = String::from(\"hi\"); println!(\"{}\", s); }"),
      Map.entry(Language.GO, "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"hi\") }\n"),
      Map.entry(Language.KOTLIN, "fun main() { val s = \"hi\"; println(s) }"),
      Map.entry(Language.RUBY, "def f(a)\n  puts \"hi #{a}\"\nend\n"),
      Map.entry(Language.SWIFT, "func f(a: String) { print(\"hi \\(a)\") }"),
      // read with C's grammar: the C that Objective-C files are made of parses cleanly
      Map.entry(Language.OBJECTIVE_C, "static int twice(int n) { CFShow(CFSTR(\"hi\")); return 2 * n; }"));

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyGrammarLoadsAndParsesWithoutErrors(Language language) {
    assumeTrue(language.hasGrammar(), "no grammar; see PlainTextTest");
    SyntaxTree tree = Parsers.parse(language, HELLO.get(language), ParseLimits.DEFAULT);

    assertThat(tree.hasError()).as(tree.sexp()).isFalse();
    assertThat(tree.size()).isGreaterThan(5);
    assertThat(tree.end(tree.root())).isEqualTo(HELLO.get(language).length());
  }

  @Test
  void offsetsAreCharIndicesEvenAfterNonAsciiText() {
    String code = "s = \"héllo 😀\"\nos.system(x)\n";
    SyntaxTree tree = Parsers.parse(Language.PYTHON, code, ParseLimits.DEFAULT);

    int call = find(tree, "call");
    assertThat(tree.text(call)).isEqualTo("os.system(x)");
    assertThat(tree.line(tree.start(call))).isEqualTo(1);
    assertThat(tree.column(tree.start(call))).isZero();
  }

  @Test
  void treeLinksAreConsistent() {
    SyntaxTree tree = Parsers.parse(Language.C, "int f(int a) { if (a) { return g(a, 1); } return 0; }",
        ParseLimits.DEFAULT);

    for (int n = 1; n < tree.size(); n++) {
      int p = tree.parent(n);
      assertThat(p).isBetween(0, n - 1);
      assertThat(tree.subtreeEnd(n)).isLessThanOrEqualTo(tree.subtreeEnd(p));
      assertThat(tree.start(n)).isGreaterThanOrEqualTo(tree.start(p));
      assertThat(tree.end(n)).isLessThanOrEqualTo(tree.end(p));
    }
    assertThat(tree.sexp()).contains("(call_expression function: (identifier g) arguments: (argument_list");
  }

  @Test
  void deepNestingDoesNotOverflow() {
    String code = "x = " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "\n";
    // A generous timeout (as Issue10Test allows): the point is the depth, not the speed.
    ParseLimits patient = new ParseLimits(ParseLimits.DEFAULT.maxChars(), Duration.ofSeconds(30),
        ParseLimits.DEFAULT.maxNodes());
    SyntaxTree tree = Parsers.parse(Language.PYTHON, code, patient);

    assertThat(tree.size()).isGreaterThan(50_000);
  }

  @Test
  void limitsAreEnforcedWithClearMessages() {
    ParseLimits small = new ParseLimits(10, Duration.ofSeconds(1), 100);
    assertThatThrownBy(() -> Parsers.parse(Language.C, "int main() { return 0; }", small))
        .isInstanceOf(ParseException.class).hasMessage("input has 24 characters, more than the limit of 10");

    ParseLimits fewNodes = new ParseLimits(1000, Duration.ofSeconds(1), 10);
    assertThatThrownBy(() -> Parsers.parse(Language.C, "int main() { return f(1, 2, 3); }", fewNodes))
        .isInstanceOf(ParseException.class).hasMessage("the syntax tree has more than 10 nodes");
  }

  @Test
  void parseTimeoutStopsAndTheParserStillWorksAfterwards() {
    String huge = "int x[] = {" + "1,".repeat(400_000) + "};";
    ParseLimits tight = new ParseLimits(4 << 20, Duration.ofNanos(1000), 4_000_000);
    assertThatThrownBy(() -> Parsers.parse(Language.C, huge, tight))
        .isInstanceOf(ParseException.class).hasMessageStartingWith("parsing took longer than");

    SyntaxTree after = Parsers.parse(Language.C, "int y;", ParseLimits.DEFAULT);
    assertThat(after.hasError()).isFalse();
    assertThat(after.text(after.root())).isEqualTo("int y;");
  }

  static int find(SyntaxTree tree, String kind) {
    for (int n = 0; n < tree.size(); n++) {
      if (tree.kindName(n).equals(kind)) {
        return n;
      }
    }
    throw new AssertionError("no " + kind + " in " + tree.sexp());
  }
}
