/**
 * The web UI's users: the local users of the data directory ({@link dev.corral.server.auth.LocalUsers},
 * {@code data/auth/users.json}), signing in and out ({@link dev.corral.server.users.SignIn}: login
 * throttling, server-side sessions, the session cookie), the session-aware access control HTTP
 * admits requests with, and the admin API of users. Every sign-in, failed sign-in, sign-out and
 * change of a user is recorded in the {@link dev.corral.server.audit.AuditTrail}. The rules
 * themselves (roles, sessions, throttling, CSRF) live in {@code auth}; see docs/security.md,
 * "Users and sessions".
 */
package dev.corral.server.users;
