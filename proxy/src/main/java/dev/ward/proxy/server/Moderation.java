package dev.ward.proxy.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ward.guardrails.CategoryScore;
import dev.ward.guardrails.Decision;
import dev.ward.proxy.api.Json;
import dev.ward.taxonomy.Action;
import dev.ward.taxonomy.HazardCategory;
import java.util.List;
import java.util.Locale;

/**
 * OpenAI's moderation categories, mapped from a Llama Guard taxonomy by category name (so it
 * holds for Llama Guard 2's S1-S11, Llama Guard 3's S1-S14 and custom taxonomies that keep the
 * MLCommons names):
 *
 * <table>
 *   <caption>Hazard categories as OpenAI moderation categories</caption>
 *   <tr><th>taxonomy category</th><th>OpenAI categories</th></tr>
 *   <tr><td>Violent Crimes</td><td>violence, illicit/violent</td></tr>
 *   <tr><td>Non-Violent Crimes</td><td>illicit</td></tr>
 *   <tr><td>Sex(-Related) Crimes</td><td>sexual</td></tr>
 *   <tr><td>Child (Sexual) Exploitation</td><td>sexual/minors</td></tr>
 *   <tr><td>Indiscriminate Weapons</td><td>illicit/violent</td></tr>
 *   <tr><td>Hate</td><td>hate</td></tr>
 *   <tr><td>Suicide &amp; Self-Harm</td><td>self-harm</td></tr>
 *   <tr><td>Sexual Content</td><td>sexual</td></tr>
 *   <tr><td>Defamation, Specialized Advice, Privacy, Intellectual Property, Elections, Code
 *       Interpreter Abuse, others</td><td>none (listed under {@code ward.categories} only)</td></tr>
 * </table>
 *
 * <p>Llama Guard scores content as a whole: a named category's score is the overall unsafe
 * probability, the others' 0. {@code flagged} is true when the policy blocks or warns.
 */
final class Moderation {
  static final List<String> OPENAI = List.of("harassment", "harassment/threatening", "hate",
      "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/intent",
      "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic");

  private Moderation() {}

  /** The OpenAI categories a hazard category falls under. */
  static List<String> openAiCategories(HazardCategory category) {
    String name = category.name().toLowerCase(Locale.ROOT);
    if (name.contains("non-violent crime")) {
      return List.of("illicit");
    }
    if (name.contains("violent crime")) {
      return List.of("violence", "illicit/violent");
    }
    if (name.contains("child")) {
      return List.of("sexual/minors");
    }
    if (name.contains("sex crime") || name.contains("sex-related crime")
        || name.contains("sexual content")) {
      return List.of("sexual");
    }
    if (name.contains("indiscriminate weapon")) {
      return List.of("illicit/violent");
    }
    if (name.contains("hate")) {
      return List.of("hate");
    }
    if (name.contains("self-harm") || name.contains("suicide")) {
      return List.of("self-harm");
    }
    return List.of();
  }

  /** One entry of a moderation response's {@code results}. */
  static ObjectNode result(Decision decision) {
    ObjectNode result = Json.object();
    boolean flagged = decision.action() == Action.BLOCK || decision.action() == Action.WARN;
    result.put("flagged", flagged);
    ObjectNode categories = result.putObject("categories");
    ObjectNode scores = result.putObject("category_scores");
    for (String name : OPENAI) {
      categories.put(name, false);
      scores.put(name, 0.0);
    }
    for (CategoryScore score : decision.categories()) {
      if (score.action() == Action.ALLOW) {
        continue;
      }
      for (String name : openAiCategories(score.category())) {
        categories.put(name, true);
        scores.put(name, Math.max(scores.path(name).asDouble(), score.probability()));
      }
    }
    ObjectNode ward = result.putObject("ward");
    ward.put("action", decision.action().id());
    ward.set("categories", DecisionJson.of(decision).get("categories"));
    if (decision.unsafeProbability().isPresent()) {
      ward.put("unsafe_probability", decision.unsafeProbability().getAsDouble());
    }
    ward.set("failures", DecisionJson.of(decision).get("failures"));
    return result;
  }
}
