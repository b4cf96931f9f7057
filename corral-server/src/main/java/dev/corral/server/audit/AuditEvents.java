package dev.corral.server.audit;

import dev.corral.model.Fields;
import dev.corral.model.Level;
import dev.corral.model.LogEvent;
import dev.corral.model.Timestamps;
import dev.corral.server.ingest.ReservedLogtypes;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code logtype:audit} events an {@link AuditEntry} becomes, service {@value #SERVICE}: fields
 * {@code audit.action}, {@code audit.actor}, {@code audit.actor_name}, {@code audit.remote_address}
 * (when known), {@code audit.outcome} ({@code allowed} or {@code refused}) and each detail as {@code
 * audit.<name>}; level INFO, WARN when refused. So {@code logtype:audit audit.action:search | stats
 * count() by audit.actor_name} says who searched how often. Only admins read them ({@link #LOGTYPE}),
 * and only the audit log writes them ({@link ReservedLogtypes}: a client's claim is renamed).
 */
public final class AuditEvents {
  /** The {@code logtype} of every audit event: what the read path hides from everyone but admins. */
  public static final String LOGTYPE = ReservedLogtypes.AUDIT;
  /** The field that marks an audit event. */
  public static final String LOGTYPE_FIELD = ReservedLogtypes.FIELD;
  /** The {@code service} of every audit event: Corral itself. */
  public static final String SERVICE = "corral";
  /** The input name audit events are written as (the ingest metrics' label). */
  public static final String INPUT = ReservedLogtypes.AUDIT_INPUT;
  /** Prefix of every audit field, so they never collide with an event's own (and the read path can hide their names). */
  public static final String FIELD_PREFIX = "audit.";

  private AuditEvents() {}

  /** The event of {@code entry}, stamped {@code at}. */
  public static LogEvent of(AuditEntry entry, Instant at) {
    Fields.Builder fields = Fields.builder(8 + entry.details().size());
    fields.put(LOGTYPE_FIELD, LOGTYPE);
    fields.put("service", SERVICE);
    fields.put(FIELD_PREFIX + "action", entry.action());
    fields.put(FIELD_PREFIX + "actor", entry.actor());
    fields.put(FIELD_PREFIX + "actor_name", entry.actorName());
    if (!entry.remoteAddress().isEmpty()) {
      fields.put(FIELD_PREFIX + "remote_address", entry.remoteAddress());
    }
    String outcome = entry.outcome().name().toLowerCase(Locale.ROOT);
    fields.put(FIELD_PREFIX + "outcome", outcome);
    Map<String, String> details = new TreeMap<>(entry.details()); // a stable order, whatever map was given
    details.forEach((name, value) -> fields.put(FIELD_PREFIX + name, value));
    Level level = entry.outcome() == AuditEntry.Outcome.REFUSED ? Level.WARN : Level.INFO;
    return new LogEvent(Timestamps.toNanos(at), level, message(entry, outcome, details), fields.build());
  }

  /** Whether {@code event} is an audit event (hidden from everyone but admins). */
  public static boolean isAudit(LogEvent event) {
    return LOGTYPE.equals(event.fields().get(LOGTYPE_FIELD));
  }

  /** {@code search by ops (k3f2a): query="level:ERROR" from="now-1h" to=""}, the action's gist in one line. */
  private static String message(AuditEntry entry, String outcome, Map<String, String> details) {
    StringBuilder text = new StringBuilder(entry.action()).append(" by ").append(entry.actorName());
    if (!entry.actorName().equals(entry.actor())) {
      text.append(" (").append(entry.actor()).append(')');
    }
    if (entry.outcome() == AuditEntry.Outcome.REFUSED) {
      text.append(' ').append(outcome);
    }
    details.forEach((name, value) -> text.append(' ').append(name).append("=\"").append(value).append('"'));
    return text.toString();
  }
}
