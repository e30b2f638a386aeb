package dev.ward.cyberseceval.llm;

import java.util.Objects;

/**
 * One question to a model: an optional system prompt, the user's message, and whether a bare
 * JSON answer is wanted (each provider asks for it its own way).
 */
public record Query(String system, String user, boolean jsonAnswer) {
  public Query {
    Objects.requireNonNull(user, "user");
  }

  public static Query user(String user) {
    return new Query(null, user, false);
  }

  public static Query of(String system, String user) {
    return new Query(system, user, false);
  }
}
