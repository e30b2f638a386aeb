package dev.ward.cyberseceval.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  @TempDir Path dir;

  @Test
  void keepsAnswersAcrossOpensAndSkipsATornLastLine() throws Exception {
    Path file = dir.resolve("cache.jsonl");
    Query q = Query.of("sys", "hello");
    try (ResponseCache cache = ResponseCache.open(file)) {
      cache.put("m", q, "hi there");
      cache.put("m", Query.user("hello"), "no system");
    }
    Files.writeString(file, "{\"key\": \"abc\", \"resp", java.nio.file.StandardOpenOption.APPEND);
    try (ResponseCache cache = ResponseCache.open(file)) {
      assertThat(cache.skippedLines()).isEqualTo(1);
      assertThat(cache.get("m", q)).contains("hi there");
      assertThat(cache.get("m", Query.user("hello"))).contains("no system");
      assertThat(cache.get("other", q)).isEmpty();
      assertThat(cache.get("m", new Query("sys", "hello", true))).isEmpty();
      cache.put("m", Query.user("later"), "x");
    }
    try (ResponseCache cache = ResponseCache.open(file)) {
      assertThat(cache.get("m", Query.user("later"))).contains("x");
    }
  }

  @Test
  void keysDoNotCollideAcrossFieldBoundaries() {
    assertThat(ResponseCache.key("ab", Query.of("c", "d")))
        .isNotEqualTo(ResponseCache.key("a", Query.of("bc", "d")));
  }
}
