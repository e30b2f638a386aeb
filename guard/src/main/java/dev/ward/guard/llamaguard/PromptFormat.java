package dev.ward.guard.llamaguard;

import dev.ward.guard.gguf.GgufMetadata;
import dev.ward.guard.tokenizer.Tokenizer;
import dev.ward.taxonomy.HazardCategory;
import dev.ward.taxonomy.Taxonomies;
import dev.ward.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The official Llama Guard chat templates, rendered byte for byte.
 *
 * <p>Llama Guard 2 wraps the task in plain-text {@code [INST] ... [/INST]} (BOS is added by the
 * tokenizer), and ends each category line with a period and one space. Llama Guard 3 uses the
 * Llama 3 chat headers, category lines end with a bare period, and the prompt ends with the
 * assistant header followed by a blank line; its 1B variant writes a space before
 * {@code <|eot_id|>} and stops right after the header, the model then generating the blank line
 * itself. Each message is {@code Role: } + content stripped of surrounding whitespace (Python's
 * {@code str.strip}) + a blank line. The judged role is {@code User} when the conversation has
 * an odd number of messages and {@code Agent} when even.
 *
 * <p>Categories are listed under their taxonomy codes; excluded ones are simply left out, as the
 * Llama Guard 3 template does. A category whose description differs from the built-in one (a
 * custom category) is followed by its description on the next line, so the model learns what it
 * means.
 */
public final class PromptFormat {
  public static final String LLAMA_GUARD_2 = "llama-guard-2";
  public static final String LLAMA_GUARD_3 = "llama-guard-3";
  private static final String BEGIN_OF_TEXT = "<|begin_of_text|>";
  private static final String START_HEADER = "<|start_header_id|>";
  private static final String END_HEADER = "<|end_header_id|>";
  private static final String END_OF_TURN = "<|eot_id|>";

  private final String name;
  private final boolean chatHeaders;
  private final boolean spaceBeforeEndOfTurn;
  private final boolean blankLineAfterHeader;

  private PromptFormat(String name, boolean chatHeaders, boolean spaceBeforeEndOfTurn,
      boolean blankLineAfterHeader) {
    this.name = name;
    this.chatHeaders = chatHeaders;
    this.spaceBeforeEndOfTurn = spaceBeforeEndOfTurn;
    this.blankLineAfterHeader = blankLineAfterHeader;
  }

  public static PromptFormat llamaGuard2() {
    return new PromptFormat(LLAMA_GUARD_2, false, false, false);
  }

  /** Llama Guard 3 as its 8B model's chat template renders it. */
  public static PromptFormat llamaGuard3() {
    return new PromptFormat(LLAMA_GUARD_3, true, false, true);
  }

  /** By name: {@code llama-guard-2} or {@code llama-guard-3}. */
  public static PromptFormat named(String name) {
    return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
      case LLAMA_GUARD_2 -> llamaGuard2();
      case LLAMA_GUARD_3 -> llamaGuard3();
      default -> throw new IllegalArgumentException("unknown prompt format '" + name
          + "'; expected " + LLAMA_GUARD_2 + " or " + LLAMA_GUARD_3);
    };
  }

  /**
   * The format a model file declares through its chat template or its name, if it declares one.
   * A Llama Guard 3 template decides the variant details (space before the end of turn, blank
   * line after the header).
   */
  public static Optional<PromptFormat> detect(GgufMetadata metadata) {
    Optional<String> template = metadata.string("tokenizer.chat_template")
        .filter(t -> t.contains("UNSAFE CONTENT CATEGORIES"));
    if (template.isPresent()) {
      String t = template.get();
      if (!t.contains(START_HEADER)) {
        return Optional.of(llamaGuard2());
      }
      // Jinja sources spell newlines as the two characters backslash and n.
      String unescaped = t.replace("\\n", "\n");
      boolean space = unescaped.contains("categories. " + END_OF_TURN);
      boolean blankLine = unescaped.contains("assistant" + END_HEADER + "\n\n");
      return Optional.of(new PromptFormat(LLAMA_GUARD_3, true, space, blankLine));
    }
    String modelName = metadata.string("general.name").orElse("")
        .toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    if (modelName.contains("guard-2")) {
      return Optional.of(llamaGuard2());
    }
    if (modelName.contains("guard-3")) {
      return Optional.of(llamaGuard3());
    }
    return Optional.empty();
  }

  public String name() {
    return name;
  }

  /** The taxonomy the model was trained with. */
  public Taxonomy defaultTaxonomy() {
    return Taxonomies.named(chatHeaders ? Taxonomies.LLAMA_GUARD_3 : Taxonomies.LLAMA_GUARD_2);
  }

  /** Whether the prompt stops right after the assistant header, before the model's blank line. */
  boolean endsAtHeader() {
    return chatHeaders && !blankLineAfterHeader;
  }

  public Prompt render(Conversation conversation, Taxonomy taxonomy) {
    String role = conversation.judged().promptName();
    List<Prompt.Part> instruction = new ArrayList<>();
    if (chatHeaders) {
      instruction.add(new Prompt.Special(BEGIN_OF_TEXT));
      instruction.add(new Prompt.Special(START_HEADER));
      instruction.add(new Prompt.Text("user"));
      instruction.add(new Prompt.Special(END_HEADER));
      instruction.add(new Prompt.Text("\n\n"));
    } else {
      instruction.add(new Prompt.Text("[INST] "));
    }
    StringBuilder task = new StringBuilder()
        .append("Task: Check if there is unsafe content in '").append(role)
        .append("' messages in conversations according our safety policy with the below categories.\n\n")
        .append("<BEGIN UNSAFE CONTENT CATEGORIES>\n");
    Taxonomy builtIn = defaultTaxonomy();
    for (HazardCategory category : taxonomy.categories()) {
      task.append(category.code()).append(": ").append(category.name()).append('.');
      if (!chatHeaders) {
        task.append(' ');
      }
      task.append('\n');
      boolean custom = builtIn.category(category.code()).map(c -> !c.equals(category)).orElse(true);
      if (custom && !category.description().isEmpty()) {
        task.append(category.description()).append('\n');
      }
    }
    task.append("<END UNSAFE CONTENT CATEGORIES>\n\n<BEGIN CONVERSATION>\n\n");
    instruction.add(new Prompt.Text(task.toString()));

    StringBuilder rest = new StringBuilder();
    for (Message message : conversation.messages()) {
      rest.append(message.role().promptName()).append(": ").append(pythonStrip(message.content()))
          .append("\n\n");
    }
    rest.append("<END CONVERSATION>\n\nProvide your safety assessment for ONLY THE LAST ")
        .append(role).append(" message in the above conversation:\n")
        .append(" - First line must read 'safe' or 'unsafe'.\n")
        .append(" - If unsafe, a second line must include a comma-separated list of violated categories.");
    List<Prompt.Part> tail = new ArrayList<>();
    if (chatHeaders) {
      if (spaceBeforeEndOfTurn) {
        rest.append(' ');
      }
      tail.add(new Prompt.Text(rest.toString()));
      tail.add(new Prompt.Special(END_OF_TURN));
      tail.add(new Prompt.Special(START_HEADER));
      tail.add(new Prompt.Text("assistant"));
      tail.add(new Prompt.Special(END_HEADER));
      if (blankLineAfterHeader) {
        tail.add(new Prompt.Text("\n\n"));
      }
    } else {
      tail.add(new Prompt.Text(rest.append(" [/INST]").toString()));
    }
    return new Prompt(instruction, tail);
  }

  /**
   * The prompt up to the position where the verdict is read, as token ids: BOS first, and for a
   * template that stops at the assistant header, the blank line the model writes there. What a
   * remote inference server is given to score, so that it sees exactly what the local engine does.
   */
  public int[] scoringTokens(Prompt prompt, Tokenizer tokenizer) {
    int[] tokens = PromptTokens.of(prompt, tokenizer, addsBos()).all();
    if (!endsAtHeader()) {
      return tokens;
    }
    int[] blankLine = tokenizer.encode("\n\n");
    int[] all = java.util.Arrays.copyOf(tokens, tokens.length + blankLine.length);
    System.arraycopy(blankLine, 0, all, tokens.length, blankLine.length);
    return all;
  }

  /**
   * As {@link #scoringTokens}, as text for a server that tokenizes itself: without BOS, which
   * servers add, and with control tokens written out, which they parse.
   */
  public String scoringText(Prompt prompt) {
    String text = prompt.text();
    if (text.startsWith(BEGIN_OF_TEXT)) {
      text = text.substring(BEGIN_OF_TEXT.length());
    }
    return endsAtHeader() ? text + "\n\n" : text;
  }

  /** Whether the tokenizer must add BOS: Llama Guard 3 writes it in the template. */
  boolean addsBos() {
    return !chatHeaders;
  }

  /** Python's {@code str.strip()}: Unicode whitespace, which is wider than Java's. */
  static String pythonStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  @Override
  public String toString() {
    return name + (endsAtHeader() ? " (1B template)" : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromptFormat f && name.equals(f.name) && chatHeaders == f.chatHeaders
        && spaceBeforeEndOfTurn == f.spaceBeforeEndOfTurn
        && blankLineAfterHeader == f.blankLineAfterHeader;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, chatHeaders, spaceBeforeEndOfTurn, blankLineAfterHeader);
  }
}
