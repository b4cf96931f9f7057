package dev.corral.server.ingest;

import dev.corral.model.FieldNames;
import dev.corral.model.Fields;
import dev.corral.model.LogEvent;

/**
 * Logtypes only the server's own writers may store: {@link #AUDIT}, the audit log, written as input
 * {@link #AUDIT_INPUT}. An event of any other input that claims it (sent by a client, or set by a
 * pipeline) keeps everything but its logtype, which becomes {@code claimed_audit}: no ingest key
 * can forge an audit entry, nor hide its events from read keys by dressing them as audit entries.
 * Immutable.
 */
public final class ReservedLogtypes {
  /** The field a logtype is in. */
  public static final String FIELD = FieldNames.LOGTYPE;
  /** The audit log's logtype. */
  public static final String AUDIT = "audit";
  /** The only input that may store {@link #AUDIT} events: the audit log's own writer. */
  public static final String AUDIT_INPUT = "audit";
  /** What a claimed reserved logtype becomes. */
  static final String CLAIMED_PREFIX = "claimed_";

  private ReservedLogtypes() {}

  /** {@code event} as {@code input} may store it: itself, or with a claimed reserved logtype renamed. */
  static LogEvent checked(String input, LogEvent event) {
    if (!AUDIT.equals(event.fields().get(FIELD)) || AUDIT_INPUT.equals(input)) {
      return event;
    }
    Fields fields = event.fields();
    Fields.Builder renamed = Fields.builder(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      renamed.put(fields.name(i), fields.name(i).equals(FIELD) ? CLAIMED_PREFIX + AUDIT : fields.value(i));
    }
    return new LogEvent(event.timestamp(), event.level(), event.message(), renamed.build());
  }
}
