package dev.ward.codeshield.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ward.codeshield.lang.Language;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlainTextTest {
  @Test
  void xmlIsOneDocumentWithItsCommentsAsChildren() {
    String text = "<a>\n<!-- one -->\n<b x=\"1\"/><!--two-->\n</a>";

    SyntaxTree tree = Parsers.parse(Language.XML, text, ParseLimits.DEFAULT);

    assertThat(tree.hasError()).isFalse();
    assertThat(tree.size()).isEqualTo(3);
    assertThat(tree.end(tree.root())).isEqualTo(text.length());
    assertThat(tree.isComment(1)).isTrue();
    assertThat(tree.text(1)).isEqualTo("<!-- one -->");
    assertThat(tree.text(2)).isEqualTo("<!--two-->");
    assertThat(tree.parent(2)).isEqualTo(tree.root());
  }

  @Test
  void anUnclosedCommentRunsToTheEnd() {
    String text = "<a/>\n<!-- left open <b android:debuggable=\"true\"/>";

    SyntaxTree tree = Parsers.parse(Language.XML, text, ParseLimits.DEFAULT);

    assertThat(tree.size()).isEqualTo(2);
    assertThat(tree.end(1)).isEqualTo(text.length());
  }

  @Test
  void manyCommentsStayWithinTheNodeLimit() {
    String text = "<!---->".repeat(100);

    assertThatThrownBy(() -> Parsers.parse(Language.XML, text, new ParseLimits(1_000, Duration.ofSeconds(1), 50)))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("50");
  }
}
