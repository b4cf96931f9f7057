package dev.corral.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a request acts as: the API key it presented (or the local operator when access control is
 * off), its scope and, for a service-scoped key, the filter every read is restricted to.
 *
 * @param keyId the key's public id, or {@code local} when access control is off
 * @param name the key's human name, for logs and audit
 * @param scope what the key may do
 * @param readFilter a filter in the query language (e.g. {@code service:payment-* OR service:checkout})
 *     that every event this principal reads must match, or {@code null} for no restriction
 */
public record Principal(String keyId, String name, Scope scope, String readFilter) {
  /** The operator of a server without access control: admin, unrestricted. */
  public static final Principal LOCAL = new Principal("local", "local", Scope.ADMIN, null);
  /**
   * A caller of a public route ({@code /health}, the UI's files) while keys are required: no key
   * checked, so the least scope; public routes read no events.
   */
  public static final Principal ANONYMOUS = new Principal("anonymous", "anonymous", Scope.INGEST, null);

  public Principal {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
  }

  /** The filter every read of this principal is restricted to, if any. */
  public Optional<String> readRestriction() {
    return Optional.ofNullable(readFilter);
  }
}
