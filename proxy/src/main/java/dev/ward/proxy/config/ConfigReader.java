package dev.ward.proxy.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ward.guardrails.GuardrailPolicy;
import dev.ward.proxy.pipeline.InputCheck;
import dev.ward.proxy.pipeline.StreamPolicy;
import dev.ward.proxy.pipeline.Upstream;
import dev.ward.taxonomy.ConfigDocument;
import dev.ward.taxonomy.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link ProxyConfig} from YAML or JSON. Every problem is a {@link ConfigException} naming
 * the file, line and field; nothing is checked later, per request. Secrets are written as
 * {@code env:NAME} or {@code file:PATH} (a literal works, but then the key sits in the file).
 */
final class ConfigReader {
  private final ConfigDocument doc;
  private final Path baseDir;

  record Document(ListenDoc listen, GuardDoc guard, Boolean codeshield,
      LinkedHashMap<String, UpstreamDoc> upstreams, JsonNode policy,
      Map<String, JsonNode> policies, List<RouteDoc> routes, List<PassDoc> passthrough,
      LimitsDoc limits, @JsonProperty("access_log") JsonNode accessLog,
      @JsonProperty("shutdown_grace_ms") Long shutdownGraceMs) {}

  record ListenDoc(String host, Integer port) {}

  record GuardDoc(String model, String format, Double threshold, Integer threads, Integer queue,
      RemoteDoc remote) {}

  record RemoteDoc(String url, String model, String format, @JsonProperty("api_key") String apiKey,
      String tokenizer, @JsonProperty("timeout_ms") Long timeoutMs,
      @JsonProperty("max_concurrency") Integer maxConcurrency, Double threshold) {}

  record UpstreamDoc(String url, @JsonProperty("api_key") String apiKey,
      @JsonProperty("connect_timeout_ms") Long connectTimeoutMs,
      @JsonProperty("idle_timeout_ms") Long idleTimeoutMs) {}

  record RouteDoc(String name, String path, String model,
      @JsonProperty("client_keys") List<String> clientKeys, String upstream, JsonNode policy,
      String input, StreamingDoc streaming, Boolean shadow) {}

  record StreamingDoc(String mode, @JsonProperty("window_chars") Integer windowChars,
      @JsonProperty("max_hold_ms") Long maxHoldMs, @JsonProperty("hold_code") Boolean holdCode,
      @JsonProperty("max_answer_chars") Integer maxAnswerChars) {}

  record PassDoc(String path, String upstream) {}

  record LimitsDoc(@JsonProperty("max_body_bytes") Long maxBodyBytes,
      @JsonProperty("max_header_bytes") Integer maxHeaderBytes,
      @JsonProperty("request_timeout_ms") Long requestTimeoutMs,
      @JsonProperty("check_timeout_ms") Long checkTimeoutMs,
      @JsonProperty("max_concurrent_checks") Integer maxConcurrentChecks,
      @JsonProperty("retry_after_seconds") Integer retryAfterSeconds) {}

  private ConfigReader(ConfigDocument doc, Path baseDir) {
    this.doc = doc;
    this.baseDir = baseDir;
  }

  static ProxyConfig read(Path file) {
    Path absolute = file.toAbsolutePath();
    return new ConfigReader(ConfigDocument.read(file), absolute.getParent()).read();
  }

  static ProxyConfig parse(String source, byte[] content, Path baseDir) {
    return new ConfigReader(ConfigDocument.parse(source, content), baseDir).read();
  }

  private ProxyConfig read() {
    Document d = doc.map(Document.class);
    if (d == null) {
      throw doc.problem("", "the configuration is empty");
    }
    ListenDoc listen = d.listen() == null ? new ListenDoc(null, null) : d.listen();
    int port = listen.port() == null ? 8080 : listen.port();
    if (port < 0 || port > 65535) {
      throw doc.problem("listen.port", "must be within [0, 65535]; got " + port);
    }
    Map<String, Upstream> upstreams = upstreams(d.upstreams());
    GuardrailPolicy defaultPolicy = d.policy() == null ? GuardrailPolicy.DEFAULT
        : policy(d.policy(), "policy", d.policies());
    List<RouteConfig> routes = new ArrayList<>();
    if (d.routes() == null || d.routes().isEmpty()) {
      routes.add(new RouteConfig("default", Optional.empty(), Optional.empty(), Set.of(),
          upstreams.keySet().iterator().next(), defaultPolicy, InputCheck.Mode.BEFORE,
          StreamPolicy.DEFAULT, false));
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < d.routes().size(); i++) {
        RouteConfig route = route(d.routes().get(i), "routes[" + i + "]", upstreams, defaultPolicy,
            d.policies());
        if (!names.add(route.name())) {
          throw doc.problem("routes[" + i + "].name", "another route is named '" + route.name() + "'");
        }
        routes.add(route);
      }
    }
    List<PassThrough> passThrough = new ArrayList<>();
    if (d.passthrough() == null) {
      passThrough.add(new PassThrough("/v1/models*", upstreams.keySet().iterator().next()));
    } else {
      for (int i = 0; i < d.passthrough().size(); i++) {
        PassDoc p = d.passthrough().get(i);
        String at = "passthrough[" + i + "]";
        if (p.path() == null || !p.path().startsWith("/")) {
          throw doc.problem(at + ".path", "needs a path starting with '/' (may end with '*')");
        }
        passThrough.add(new PassThrough(p.path(), upstreamName(p.upstream(), at + ".upstream",
            upstreams)));
      }
    }
    String accessLog = accessLog(d.accessLog());
    return new ProxyConfig(listen.host() == null ? "0.0.0.0" : listen.host(), port,
        guard(d.guard()), d.codeshield() == null || d.codeshield(), upstreams, routes, passThrough,
        defaultPolicy, limits(d.limits()),
        accessLog.equals("stdout") || accessLog.equals("off") ? accessLog
            : resolve(accessLog).toString(),
        Duration.ofMillis(positive(d.shutdownGraceMs(), 30_000, "shutdown_grace_ms")));
  }

  /** {@code stdout}, {@code off} (which YAML 1.1 reads as false) or a file path. */
  private String accessLog(JsonNode node) {
    if (node == null || node.isNull()) {
      return "stdout";
    }
    if (node.isBoolean() && !node.asBoolean()) {
      return "off";
    }
    String value = node.isTextual() ? node.asText().strip() : "";
    if (value.isEmpty()) {
      throw doc.problem("access_log", "expected stdout, off or a file path");
    }
    return value;
  }

  private Map<String, Upstream> upstreams(LinkedHashMap<String, UpstreamDoc> docs) {
    if (docs == null || docs.isEmpty()) {
      throw doc.problem("upstreams", "at least one upstream is needed, e.g. "
          + "upstreams: {openai: {url: https://api.openai.com}}");
    }
    Map<String, Upstream> upstreams = new LinkedHashMap<>();
    docs.forEach((name, u) -> {
      String at = "upstreams." + name;
      if (u == null || u.url() == null) {
        throw doc.problem(at, "needs a url");
      }
      URI url;
      try {
        url = new URI(u.url().strip());
      } catch (URISyntaxException e) {
        throw doc.problem(at + ".url", "not a URL: " + e.getReason());
      }
      try {
        upstreams.put(name, new Upstream(name, url,
            Optional.ofNullable(u.apiKey()).map(k -> secret(k, at + ".api_key")),
            Duration.ofMillis(positive(u.connectTimeoutMs(), 10_000, at + ".connect_timeout_ms")),
            Duration.ofMillis(positive(u.idleTimeoutMs(), 120_000, at + ".idle_timeout_ms"))));
      } catch (IllegalArgumentException e) {
        throw doc.problem(at + ".url", e.getMessage());
      }
    });
    return upstreams;
  }

  private RouteConfig route(RouteDoc r, String at, Map<String, Upstream> upstreams,
      GuardrailPolicy defaultPolicy, Map<String, JsonNode> policies) {
    if (r == null) {
      throw doc.problem(at, "a route needs at least an upstream or a policy");
    }
    String name = r.name() == null ? at : r.name();
    if (r.path() != null && !r.path().startsWith("/")) {
      throw doc.problem(at + ".path", "must start with '/'; got '" + r.path() + "'");
    }
    Set<String> keys = new HashSet<>();
    if (r.clientKeys() != null) {
      for (int i = 0; i < r.clientKeys().size(); i++) {
        String key = r.clientKeys().get(i);
        String hex = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("sha256:[0-9a-f]{64}")) {
          throw doc.problem(at + ".client_keys[" + i + "]", "expected sha256:<64 hex digits> "
              + "(the SHA-256 of the key, e.g. printf %s \"$KEY\" | sha256sum); plain keys do "
              + "not belong in a configuration file");
        }
        keys.add(hex.substring("sha256:".length()));
      }
    }
    GuardrailPolicy policy = r.policy() == null ? defaultPolicy
        : policy(r.policy(), at + ".policy", policies);
    InputCheck.Mode mode = InputCheck.Mode.BEFORE;
    if (r.input() != null) {
      mode = switch (r.input().strip().toLowerCase(Locale.ROOT)) {
        case "before" -> InputCheck.Mode.BEFORE;
        case "concurrent" -> InputCheck.Mode.CONCURRENT;
        default -> throw doc.problem(at + ".input", "expected before or concurrent; got '"
            + r.input() + "'");
      };
    }
    return new RouteConfig(name, Optional.ofNullable(r.path()), Optional.ofNullable(r.model()),
        keys, r.upstream() == null ? upstreams.keySet().iterator().next()
            : upstreamName(r.upstream(), at + ".upstream", upstreams),
        policy, mode, streaming(r.streaming(), at + ".streaming"),
        r.shadow() != null && r.shadow());
  }

  private StreamPolicy streaming(StreamingDoc s, String at) {
    if (s == null) {
      return StreamPolicy.DEFAULT;
    }
    StreamPolicy base = StreamPolicy.DEFAULT;
    StreamPolicy.Mode mode = base.mode();
    if (s.mode() != null) {
      mode = switch (s.mode().strip().toLowerCase(Locale.ROOT)) {
        case "blocking" -> StreamPolicy.Mode.BLOCKING;
        case "optimistic" -> StreamPolicy.Mode.OPTIMISTIC;
        default -> throw doc.problem(at + ".mode", "expected blocking or optimistic; got '"
            + s.mode() + "'");
      };
    }
    return new StreamPolicy(mode,
        (int) positive(s.windowChars() == null ? null : s.windowChars().longValue(),
            base.windowChars(), at + ".window_chars"),
        Duration.ofMillis(positive(s.maxHoldMs(), base.maxHold().toMillis(), at + ".max_hold_ms")),
        s.holdCode() == null ? base.holdCode() : s.holdCode(),
        (int) positive(s.maxAnswerChars() == null ? null : s.maxAnswerChars().longValue(),
            base.maxAnswerChars(), at + ".max_answer_chars"));
  }

  private GuardrailPolicy policy(JsonNode node, String at, Map<String, JsonNode> policies) {
    if (node.isObject()) {
      return GuardrailPolicy.read(doc, at, baseDir);
    }
    if (!node.isTextual()) {
      throw doc.problem(at, "expected a policy (an object), the name of one under 'policies', "
          + "or a policy file");
    }
    String name = node.asText().strip();
    if (policies != null && policies.containsKey(name)) {
      return GuardrailPolicy.read(doc, "policies." + name, baseDir);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
      return GuardrailPolicy.load(resolve(name));
    }
    throw doc.problem(at, "no policy named '" + name + "' under 'policies'"
        + (policies == null || policies.isEmpty() ? "" : " (there are " + policies.keySet() + ")")
        + ", and it is not a .yaml/.json file");
  }

  private GuardBackend guard(GuardDoc g) {
    if (g == null) {
      return new GuardBackend.None();
    }
    if (g.model() != null && g.remote() != null) {
      throw doc.problem("guard", "give either a model file (guard.model) or a server "
          + "(guard.remote), not both");
    }
    if (g.remote() != null) {
      RemoteDoc r = g.remote();
      String at = "guard.remote";
      if (r.url() == null) {
        throw doc.problem(at, "needs a url, e.g. http://guard-pool:8000");
      }
      URI url;
      try {
        url = new URI(r.url().strip());
      } catch (URISyntaxException e) {
        throw doc.problem(at + ".url", "not a URL: " + e.getReason());
      }
      return new GuardBackend.Remote(url, Optional.ofNullable(r.model()),
          format(r.format() == null ? "llama-guard-3" : r.format(), at + ".format"),
          Optional.ofNullable(r.apiKey()).map(k -> secret(k, at + ".api_key")),
          Optional.ofNullable(r.tokenizer()).map(this::resolve),
          Duration.ofMillis(positive(r.timeoutMs(), 10_000, at + ".timeout_ms")),
          (int) positive(r.maxConcurrency() == null ? null : r.maxConcurrency().longValue(), 64,
              at + ".max_concurrency"),
          probability(r.threshold(), at + ".threshold"));
    }
    if (g.model() == null) {
      throw doc.problem("guard", "needs a model file (guard.model) or a server (guard.remote)");
    }
    return new GuardBackend.Local(resolve(g.model()),
        Optional.ofNullable(g.format()).map(f -> format(f, "guard.format")),
        probability(g.threshold(), "guard.threshold"),
        (int) positive(g.threads() == null ? null : g.threads().longValue(),
            Runtime.getRuntime().availableProcessors(), "guard.threads"),
        (int) positive(g.queue() == null ? null : g.queue().longValue(), 64, "guard.queue"));
  }

  private String format(String value, String at) {
    String f = value.strip().toLowerCase(Locale.ROOT);
    if (!f.equals("llama-guard-2") && !f.equals("llama-guard-3")) {
      throw doc.problem(at, "expected llama-guard-2 or llama-guard-3; got '" + value + "'");
    }
    return f;
  }

  private Limits limits(LimitsDoc l) {
    Limits base = Limits.DEFAULT;
    if (l == null) {
      return base;
    }
    long headers = positive(l.maxHeaderBytes() == null ? null : l.maxHeaderBytes().longValue(),
        base.maxHeaderBytes(), "limits.max_header_bytes");
    if (headers < 1024 || headers > 1 << 20) {
      throw doc.problem("limits.max_header_bytes", "must be within [1024, 1048576]; got " + headers);
    }
    return new Limits(positive(l.maxBodyBytes(), base.maxBodyBytes(), "limits.max_body_bytes"),
        (int) headers,
        Duration.ofMillis(positive(l.requestTimeoutMs(), base.requestTimeout().toMillis(),
            "limits.request_timeout_ms")),
        Duration.ofMillis(positive(l.checkTimeoutMs(), base.checkTimeout().toMillis(),
            "limits.check_timeout_ms")),
        (int) positive(l.maxConcurrentChecks() == null ? null : l.maxConcurrentChecks().longValue(),
            base.maxConcurrentChecks(), "limits.max_concurrent_checks"),
        (int) positive(l.retryAfterSeconds() == null ? null : l.retryAfterSeconds().longValue(),
            base.retryAfterSeconds(), "limits.retry_after_seconds"));
  }

  private String upstreamName(String name, String at, Map<String, Upstream> upstreams) {
    if (name == null || !upstreams.containsKey(name)) {
      throw doc.problem(at, "no upstream named '" + name + "'; configured: " + upstreams.keySet());
    }
    return name;
  }

  private long positive(Long value, long fallback, String at) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw doc.problem(at, "must be positive; got " + value);
    }
    return value;
  }

  private double probability(Double value, String at) {
    if (value == null) {
      return 0.5;
    }
    if (!(value >= 0 && value <= 1)) {
      throw doc.problem(at, "must be within [0, 1]; got " + value);
    }
    return value;
  }

  /** {@code env:NAME}, {@code file:PATH} or the value itself. */
  private String secret(String value, String at) {
    String v = value.strip();
    if (v.startsWith("env:")) {
      String name = v.substring(4);
      String secret = System.getenv(name);
      if (secret == null || secret.isBlank()) {
        throw doc.problem(at, "environment variable " + name + " is not set");
      }
      return secret.strip();
    }
    if (v.startsWith("file:")) {
      Path file = resolve(v.substring(5));
      try {
        String secret = Files.readString(file).strip();
        if (secret.isEmpty()) {
          throw doc.problem(at, "key file " + file + " is empty");
        }
        return secret;
      } catch (IOException e) {
        throw doc.problem(at, "cannot read key file " + file + ": " + e.getMessage());
      }
    }
    if (v.isEmpty()) {
      throw doc.problem(at, "is empty");
    }
    return v;
  }

  private Path resolve(String path) {
    Path p = Path.of(path.strip());
    return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
  }
}
