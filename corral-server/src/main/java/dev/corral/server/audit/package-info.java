/**
 * The audit trail: the vocabulary ({@link dev.corral.server.audit.AuditTrail}, {@link
 * dev.corral.server.audit.AuditEntry}) every part that authenticates or changes the server records
 * into, and the service that stores the entries as {@code logtype:audit} events readable only by
 * admins.
 */
package dev.corral.server.audit;
