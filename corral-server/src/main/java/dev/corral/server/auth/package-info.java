/**
 * Access control: who a request acts as ({@link dev.corral.server.auth.Principal}) and what it may do
 * ({@link dev.corral.server.auth.Scope}). Depends on no other server package; {@code http} and the
 * services depend on it.
 */
package dev.corral.server.auth;
