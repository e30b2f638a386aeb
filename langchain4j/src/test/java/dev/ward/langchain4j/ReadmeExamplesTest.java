package dev.ward.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.ward.codeshield.CodeShield;
import dev.ward.guard.llamaguard.Conversation;
import dev.ward.guard.llamaguard.LlamaGuard;
import dev.ward.guard.llamaguard.PromptFormat;
import dev.ward.guardrails.Guard;
import dev.ward.guardrails.Guardrails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's library examples run, and the README shows them as they are compiled here. */
class ReadmeExamplesTest {
  private static final Path README = Path.of("../README.md");
  private static final Path SOURCE = Path.of("src/test/java/dev/ward/langchain4j/ReadmeExamples.java");

  @Test
  void theReadmeShowsTheCompiledExamples() throws IOException {
    String readme = Files.readString(README);
    String source = Files.readString(SOURCE);
    for (String name : new String[] {"plain-java", "langchain4j"}) {
      Matcher region = Pattern.compile("// readme:" + name + ":begin\\n(.*?)\\n\\s*// readme:"
          + name + ":end", Pattern.DOTALL).matcher(source);
      assertThat(region.find()).as("region %s in %s", name, SOURCE).isTrue();
      assertThat(readme).as("README.md shows the %s example", name)
          .contains("```java\n" + region.group(1).stripIndent().strip() + "\n```");
    }
  }

  @Test
  void thePlainJavaExampleGuardsAnAssistant() throws Exception {
    Path model = Path.of(System.getProperty("ward.shared", "../shared"),
        "fixtures/models/tiny-guard-q8_0.gguf");
    assumeTrue(Files.isRegularFile(model), "fixture " + model + " not found; skipping");
    try (Guard guard = Guard.load(model, LlamaGuard.Options.builder()
        .format(PromptFormat.llamaGuard2()).threads(2).build())) {
      // One classification first, waited for patiently: the example's 5 s timeout (which only
      // warns) must measure a warm engine, not a cold JIT. Another prompt, so that no verdict is
      // cached for the example's.
      guard.classify(Conversation.prompt("How do I knit a scarf?"), guard.taxonomy())
          .get(2, TimeUnit.MINUTES);
      var assistant = new ReadmeExamples.GuardedAssistant(guard, chat -> "Hello!");

      // The fixture's random weights judge every short prompt unsafe.
      assertThat(assistant.answer("How do I bake bread?")).isEqualTo("Sorry, I can't help with that.");
    }
  }

  @Test
  void theLangChain4jExampleBlocksInsecureCode() throws IOException {
    try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
      server.answer("```python\nimport os\nos.system(\"rm -rf \" + input())\n```");
      var assistant = ReadmeExamples.assistant(Guardrails.builder().codeShield(CodeShield.create())
          .build(), OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("k")
          .modelName("scripted").build());

      assertThatThrownBy(() -> assistant.chat("Delete what the user says"))
          .isInstanceOf(OutputGuardrailException.class);
    }
  }
}
