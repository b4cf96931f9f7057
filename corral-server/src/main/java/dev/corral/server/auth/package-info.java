/**
 * Access control: who a request acts as ({@link dev.corral.server.auth.Principal}), what it may do
 * ({@link dev.corral.server.auth.Scope}), what each route requires ({@link
 * dev.corral.server.auth.Access}), and the API keys that prove it ({@link
 * dev.corral.server.auth.ApiKeys}: Argon2id-hashed in {@code data/auth/keys.json}, verified through
 * an in-memory digest cache with constant-time comparison). Refusals are typed ({@link
 * dev.corral.server.auth.AccessDenied}); only the HTTP layer maps them to statuses, and any other
 * protocol can verify a key with {@link dev.corral.server.auth.ApiKeys#verify} or {@link
 * dev.corral.server.auth.ApiKeys#authenticate}. Depends on no other server package; {@code http}
 * and the services depend on it. See docs/security.md.
 */
package dev.corral.server.auth;
