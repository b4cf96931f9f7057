package dev.corral.server.audit;

import dev.corral.server.auth.KeyInfo;
import dev.corral.server.auth.Principal;
import dev.corral.server.http.Request;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The entries the server records of HTTP requests: who (the request's principal and address) did
 * what. One place, so every search, admin request and key change reads alike in the audit log.
 */
public final class AuditEntries {
  /**
   * A detail longer than this is cut (its length kept in {@code <name>_chars}): a query may be up
   * to 1 MiB, an audit event should stay one screen; 4 KiB holds every query a person types.
   */
  static final int MAX_DETAIL_CHARS = 4096;

  private AuditEntries() {}

  /**
   * A search of kind {@code kind} ({@code search}, {@code query}, {@code trace}, {@code tail},
   * {@code export}): {@code query}, {@code from} and {@code to} as the caller sent them (empty when
   * absent).
   */
  public static AuditEntry search(Request request, String kind, String query, String from, String to) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("kind", kind);
    put(details, "query", query);
    put(details, "from", from);
    put(details, "to", to);
    return allowed(request, "search", details);
  }

  /** A request to an admin route, answered with {@code status}: refused when it is 400 or more. */
  public static AuditEntry adminRequest(Request request, int status) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("method", request.method());
    put(details, "path", request.path());
    details.put("status", Integer.toString(status));
    Principal who = request.principal();
    return new AuditEntry("admin_action", who.keyId(), who.name(), request.remoteAddress(),
        status < 400 ? AuditEntry.Outcome.ALLOWED : AuditEntry.Outcome.REFUSED, details);
  }

  /** An API key created through the admin API. */
  public static AuditEntry keyCreated(Request request, KeyInfo key) {
    return allowed(request, "key_created", key(key));
  }

  /** An API key revoked through the admin API. */
  public static AuditEntry keyRevoked(Request request, KeyInfo key) {
    return allowed(request, "key_revoked", key(key));
  }

  /** The key's id, name, scope and read restriction; never its secret. */
  static Map<String, String> key(KeyInfo key) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("key_id", key.id());
    put(details, "key_name", key.name());
    details.put("key_scope", key.scope().name().toLowerCase(Locale.ROOT));
    if (key.readFilter() != null) {
      put(details, "key_read_filter", key.readFilter());
    }
    return details;
  }

  private static AuditEntry allowed(Request request, String action, Map<String, String> details) {
    Principal who = request.principal();
    return new AuditEntry(action, who.keyId(), who.name(), request.remoteAddress(), AuditEntry.Outcome.ALLOWED,
        details);
  }

  /** {@code value} (empty for null) under {@code name}, cut at {@link #MAX_DETAIL_CHARS} with its length beside it. */
  private static void put(Map<String, String> details, String name, String value) {
    String text = value == null ? "" : value;
    if (text.length() > MAX_DETAIL_CHARS) {
      details.put(name + "_chars", Integer.toString(text.length()));
      text = text.substring(0, MAX_DETAIL_CHARS) + "…";
    }
    details.put(name, text);
  }
}
