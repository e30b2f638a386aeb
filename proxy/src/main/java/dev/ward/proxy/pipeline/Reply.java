package dev.ward.proxy.pipeline;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * A response on its way back to the client: status, headers and a body that may still be
 * arriving. Headers are the upstream's (hop-by-hop ones removed); a stage that changes the body
 * drops {@code content-length}, and the responder frames it.
 */
public record Reply(int status, MultiMap headers, Body body) {
  public Reply {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** A complete JSON reply made by Ward. */
  public static Reply json(int status, Buffer json) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/json");
    return new Reply(status, headers, Body.of(json));
  }

  public Reply withBody(Body other) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    copy.remove("content-length");
    return new Reply(status, copy, other);
  }

  public Reply withHeader(String name, String value) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    copy.set(name, value);
    return new Reply(status, copy, body);
  }
}
