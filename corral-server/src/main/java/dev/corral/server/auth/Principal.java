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
 * @param limits the rates it may ingest and read at, the server's defaults applied ({@link
 *     KeyLimits#NONE}: unlimited)
 */
public record Principal(String keyId, String name, Scope scope, String readFilter, KeyLimits limits) {
  /** The operator of a server without access control: admin, unrestricted, unlimited. */
  public static final Principal LOCAL = new Principal("local", "local", Scope.ADMIN, null);
  /**
   * A caller of a public route ({@code /health}, the UI's files) while keys are required: no key
   * checked, so the least scope; public routes read no events. Unlimited: it stores nothing.
   */
  public static final Principal ANONYMOUS = new Principal("anonymous", "anonymous", Scope.INGEST, null);

  public Principal {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(limits, "limits");
  }

  /** A principal without limits. */
  public Principal(String keyId, String name, Scope scope, String readFilter) {
    this(keyId, name, scope, readFilter, KeyLimits.NONE);
  }

  /** This principal with each limit it does not set taken from {@code defaults}. */
  public Principal withDefaultLimits(KeyLimits defaults) {
    return new Principal(keyId, name, scope, readFilter, limits.orElse(defaults));
  }

  /** The filter every read of this principal is restricted to, if any. */
  public Optional<String> readRestriction() {
    return Optional.ofNullable(readFilter);
  }
}
