package dev.ward.proxy.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An LLM API the proxy forwards to.
 *
 * @param name its name in the configuration
 * @param baseUrl scheme, host, port and an optional path prefix ({@code https://host/openai})
 * @param apiKey a key to send instead of the client's; empty to pass the client's through.
 *     Never logged: {@link #toString()} hides it
 * @param connectTimeout the longest a connection may take
 * @param idleTimeout the longest the upstream may stay silent, before or during its answer
 */
public record Upstream(String name, URI baseUrl, Optional<String> apiKey, Duration connectTimeout,
    Duration idleTimeout) {
  public Upstream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("upstream '" + name + "' needs an http(s)://host[:port] URL; got "
          + baseUrl);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("upstream '" + name + "' URL must not have a query or fragment");
    }
  }

  /** The upstream URL for a client's path and query. */
  public String resolve(String uri) {
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + uri;
  }

  public boolean ssl() {
    return baseUrl.getScheme().equalsIgnoreCase("https");
  }

  @Override
  public String toString() {
    return "Upstream[" + name + " " + baseUrl + (apiKey.isPresent() ? ", key injected" : "") + "]";
  }
}
