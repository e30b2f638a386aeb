package dev.ward.proxy.config;

import java.util.Objects;

/** A path (with {@code *} wildcards) forwarded unchecked to an upstream, e.g. {@code /v1/models}. */
public record PassThrough(String path, String upstream) {
  public PassThrough {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(upstream, "upstream");
  }

  public boolean matches(String requestPath) {
    return Glob.matches(path, requestPath);
  }
}
