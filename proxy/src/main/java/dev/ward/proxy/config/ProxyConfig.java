package dev.ward.proxy.config;

import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.proxy.pipeline.Upstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code ward serve} runs with. Read from YAML by {@link #load(Path)} (see
 * {@code proxy/README.md} for the format) or built for the simple case by {@link #simple}.
 *
 * @param host the address to listen on
 * @param port the port to listen on (0 for any free one)
 * @param guard the Llama Guard backend
 * @param codeShield whether Code Shield is loaded for the routes whose policies scan code
 * @param upstreams the APIs to forward to, by name, the first being the default
 * @param routes guarded routes, tried in order
 * @param passThrough paths forwarded unchecked
 * @param defaultPolicy the policy of Ward's own endpoints ({@code /v1/moderations}...)
 * @param accessLog {@code stdout}, {@code off}, or a file path
 * @param shutdownGrace how long in-flight requests may finish at shutdown
 */
public record ProxyConfig(String host, int port, GuardBackend guard, boolean codeShield,
    Map<String, Upstream> upstreams, List<RouteConfig> routes, List<PassThrough> passThrough,
    GuardrailPolicy defaultPolicy, Limits limits, String accessLog, Duration shutdownGrace) {

  public ProxyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(guard, "guard");
    upstreams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
    routes = List.copyOf(routes);
    passThrough = List.copyOf(passThrough);
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535]; got " + port);
    }
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream is needed");
    }
    for (RouteConfig route : routes) {
      if (!upstreams.containsKey(route.upstream())) {
        throw new IllegalArgumentException("route '" + route.name() + "' names upstream '"
            + route.upstream() + "', which is not configured");
      }
    }
  }

  /** Reads a configuration file; problems name the file, line and field. */
  public static ProxyConfig load(Path file) {
    return ConfigReader.read(file);
  }

  /**
   * The simple case: one upstream, one route for every guarded path, one policy.
   *
   * @param upstream the upstream API's base URL
   */
  public static ProxyConfig simple(String host, int port, Upstream upstream, GuardBackend guard,
      boolean codeShield, GuardrailPolicy policy) {
    RouteConfig route = new RouteConfig("default", Optional.empty(), Optional.empty(),
        java.util.Set.of(), upstream.name(), policy, dev.ward.proxy.pipeline.InputCheck.Mode.BEFORE,
        dev.ward.proxy.pipeline.StreamPolicy.DEFAULT, false);
    return new ProxyConfig(host, port, guard, codeShield, Map.of(upstream.name(), upstream),
        List.of(route), List.of(new PassThrough("/v1/models*", upstream.name())), policy,
        Limits.DEFAULT, "stdout", Duration.ofSeconds(30));
  }

  /** This configuration listening on another port. */
  public ProxyConfig withPort(int other) {
    return new ProxyConfig(host, other, guard, codeShield, upstreams, routes, passThrough,
        defaultPolicy, limits, accessLog, shutdownGrace);
  }

  /** This configuration with other limits. */
  public ProxyConfig withLimits(Limits other) {
    return new ProxyConfig(host, port, guard, codeShield, upstreams, routes, passThrough,
        defaultPolicy, other, accessLog, shutdownGrace);
  }

  /** This configuration with its access log sent elsewhere ({@code off}, {@code stdout}, a file). */
  public ProxyConfig withAccessLog(String target) {
    return new ProxyConfig(host, port, guard, codeShield, upstreams, routes, passThrough,
        defaultPolicy, limits, target, shutdownGrace);
  }

  /** This configuration with its routes changed by {@code edit}. */
  public ProxyConfig withRoutes(java.util.function.UnaryOperator<List<RouteConfig>> edit) {
    return new ProxyConfig(host, port, guard, codeShield, upstreams,
        edit.apply(new ArrayList<>(routes)), passThrough, defaultPolicy, limits, accessLog,
        shutdownGrace);
  }

  /** The upstream a pass-through or unrouted request goes to. */
  public Upstream defaultUpstream() {
    return upstreams.values().iterator().next();
  }
}
