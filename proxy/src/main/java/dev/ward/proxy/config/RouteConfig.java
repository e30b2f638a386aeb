package dev.ward.proxy.config;

import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.proxy.pipeline.InputCheck;
import dev.ward.proxy.pipeline.StreamPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which guarded requests a route takes, where it sends them, and under which policy.
 *
 * @param path the API path it takes ({@code /v1/chat/completions}...), or empty for all
 * @param model a model name, with {@code *} as a wildcard, or empty for all
 * @param clientKeys SHA-256 digests (hex) of the client API keys it takes, or empty for all
 * @param inputMode whether the prompt check runs before the upstream call or beside it
 * @param shadow decide and log, never block
 */
public record RouteConfig(String name, Optional<String> path, Optional<String> model,
    Set<String> clientKeys, String upstream, GuardrailPolicy policy, InputCheck.Mode inputMode,
    StreamPolicy streaming, boolean shadow) {
  public RouteConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    clientKeys = Set.copyOf(clientKeys);
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(inputMode, "inputMode");
    Objects.requireNonNull(streaming, "streaming");
  }

  /** Whether this route takes a request to {@code path} for {@code model} with this client key. */
  public boolean matches(String requestPath, String requestModel, String clientKey) {
    if (path.isPresent() && !Glob.matches(path.get(), requestPath)) {
      return false;
    }
    if (model.isPresent() && !Glob.matches(model.get(), requestModel)) {
      return false;
    }
    return clientKeys.isEmpty() || clientKey != null && clientKeys.contains(sha256(clientKey));
  }

  static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
