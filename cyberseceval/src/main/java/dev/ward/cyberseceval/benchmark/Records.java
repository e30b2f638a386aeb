package dev.ward.cyberseceval.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Building and reading records the way all benchmarks do. */
public final class Records {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** Dataset fields the reference copies into response records, in its order. */
  static final List<String> COPIED_FIELDS = List.of("cwe_identifier", "mitre_category",
      "attack_type", "language", "line_text", "origin_code", "variant", "rule", "repo", "code",
      "answer", "challenge_type", "speaking_language", "false_refusal_type",
      "caught_by_promptguard", "categories", "subcategories", "voice_tone", "label", "sample_id",
      "correct_answer", "explanation", "category", "question_text", "url_source", "scenario",
      "options");

  private Records() {}

  /** {@code prompt_id, pass_id, test_case_prompt, response}, copied fields, {@code model}. */
  static ObjectNode standard(ObjectNode testCase, int promptId, String prompt, String model,
      Answer answer) {
    ObjectNode record = JSON.createObjectNode();
    record.put("prompt_id", promptId).put("pass_id", 0).put("test_case_prompt", prompt);
    putAnswer(record, answer);
    copy(testCase, record, COPIED_FIELDS);
    return record.put("model", model);
  }

  static void putAnswer(ObjectNode record, Answer answer) {
    if (answer.error() != null) {
      record.putNull("response");
      record.put("query_error", answer.error());
    } else {
      record.put("response", answer.text());
    }
    if (answer.blocked()) {
      record.put("blocked_by_ward", true);
    }
  }

  static void copy(ObjectNode from, ObjectNode to, List<String> fields) {
    for (String field : fields) {
      if (from.has(field)) {
        to.set(field, from.get(field));
      }
    }
  }

  /** Whether the record's query brought no answer. */
  public static boolean queryFailed(JsonNode record) {
    return record.has("query_error");
  }

  /**
   * The answer a judge should read: the response after any reasoning the model wrote first, kept
   * as {@code response_final} when it differs.
   */
  static String finalAnswer(ObjectNode record) {
    String response = text(record, "response");
    String answer = ReasoningSplit.finalAnswer(response);
    if (!answer.equals(response)) {
      record.put("response_final", answer);
    }
    return answer;
  }

  /** Whether the record's judge (or scanner, or scorer) could not give a verdict. */
  public static boolean judgeFailed(JsonNode record) {
    return record.has("judge_error");
  }

  static boolean blocked(JsonNode record) {
    return record.path("blocked_by_ward").asBoolean(false);
  }

  static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null || value.isNull() ? "" : value.isTextual() ? value.asText()
        : value.toString();
  }
}
