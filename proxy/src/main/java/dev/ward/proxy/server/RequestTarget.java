package dev.ward.proxy.server;

import java.util.Locale;
import java.util.Optional;

/**
 * Which request targets Ward takes: a path in normal form, with an optional query. Ward picks a
 * route by the path and forwards the path as it came, so the path it routes by must be the one
 * the upstream will serve. Refused:
 *
 * <ul>
 *   <li>anything but origin form ({@code /path?query}): an absolute URL or a bare authority would
 *       be glued after the upstream's base URL, and {@code @host/x://y/v1/models} then names
 *       another host, which would receive the configured API key;
 *   <li>dot segments, plain or percent-encoded ({@code /v1/models/../chat/completions}), empty
 *       segments, encoded slashes and backslashes, letters or digits sent percent-encoded
 *       ({@code /v1/chat/complet%69ons}): an upstream or a CDN in front of it may normalise them
 *       into a guarded path that Ward took for a pass-through one.
 * </ul>
 */
final class RequestTarget {
  private RequestTarget() {}

  /** Why {@code uri} is refused, or empty when it is fine. */
  static Optional<String> problem(String uri) {
    if (uri.isEmpty() || uri.charAt(0) != '/') {
      return Optional.of("the request target must be a path such as /v1/chat/completions, not '"
          + shorten(uri) + "'");
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || path.indexOf('\\') >= 0) {
      return Optional.of(notNormal(path, "an encoded slash or a backslash"));
    }
    for (int at = lower.indexOf('%'); at >= 0; at = lower.indexOf('%', at + 1)) {
      if (at + 2 < lower.length() && unreserved(lower.charAt(at + 1), lower.charAt(at + 2))) {
        // "/v1/chat/complet%69ons": an upstream decodes it to a guarded path Ward did not see.
        return Optional.of(notNormal(path, "a percent-encoded letter, digit, - _ or ~"));
      }
    }
    String[] segments = lower.replace("%2e", ".").split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of(notNormal(path, "a dot segment"));
      }
      if (segment.isEmpty() && i < segments.length - 1) {
        return Optional.of(notNormal(path, "an empty segment"));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the hex digits {@code hi lo} encode a letter, digit, {@code -}, {@code _} or
   * {@code ~}: characters that need no encoding (an encoded dot is judged as a dot segment).
   */
  private static boolean unreserved(char hi, char lo) {
    int high = Character.digit(hi, 16);
    int low = Character.digit(lo, 16);
    if (high < 0 || low < 0) {
      return false;
    }
    char c = (char) (high * 16 + low);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '~';
  }

  private static String notNormal(String path, String what) {
    return "the path '" + shorten(path) + "' has " + what + "; send it in normal form";
  }

  private static String shorten(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }
}
