package dev.corral.server.alerts.state;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The absolute deep links a notification and the instances API carry, into the UI's hash routes
 * ({@code corral-ui/app.js}): {@code #/search?q=…&from=…&to=…}, {@code #/trace/<id>?from=…&to=…}
 * and the Alerts page {@code #/alerts?rule=…}. Times are ISO-8601, which the UI's time picker reads.
 * The base is {@code alerts.public_url}, or the server's own URL when that is empty.
 */
final class AlertLinks {
  private final Supplier<String> baseUrl;

  /** @param baseUrl the server's public URL without a trailing slash, asked at each link (the port is known once HTTP started) */
  AlertLinks(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Search with the rule's query over the instance's time range: from one window before it became
   * active (what the first evaluation that saw it looked at) to when it resolved or was last seen.
   */
  String search(RuleInfo rule, AlertInstance instance) {
    return base() + "/#/search?q=" + form(rule.query()) + range(from(rule, instance), to(instance));
  }

  /** The trace view of {@code traceId} over the instance's time range. */
  String trace(RuleInfo rule, AlertInstance instance, String traceId) {
    return base() + "/#/trace/" + form(traceId).replace("+", "%20") + "?" + range(from(rule, instance), to(instance))
        .substring(1);
  }

  /** The trace view of the instance's {@code worst_trace} detail, or null when it has none. */
  String worstTrace(RuleInfo rule, AlertInstance instance) {
    Object worst = instance.details().get("worst_trace");
    return worst instanceof String id && !id.isBlank() ? trace(rule, instance, id) : null;
  }

  /** The rule on the Alerts page. */
  String rule(String rule) {
    return base() + "/#/alerts?rule=" + form(rule);
  }

  private String base() {
    String url = baseUrl.get();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static Instant from(RuleInfo rule, AlertInstance instance) {
    return instance.activeAt().minus(rule.window());
  }

  private static Instant to(AlertInstance instance) {
    return instance.endsAt() != null ? instance.endsAt() : instance.lastSeenAt();
  }

  private static String range(Instant from, Instant to) {
    return "&from=" + form(from.toString()) + "&to=" + form(to.toString());
  }

  /** Encoded as URLSearchParams decodes it (the UI parses the hash's query with it). */
  private static String form(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
