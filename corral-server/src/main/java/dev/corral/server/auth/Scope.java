package dev.corral.server.auth;

/**
 * What an API key may do. {@link #INGEST} only writes events; {@link #READ} searches, queries,
 * traces, tails and reads fields, dashboards and stats; {@link #ADMIN} does everything, including
 * keys and every admin write.
 */
public enum Scope {
  INGEST,
  READ,
  ADMIN;

  /** Whether a key of this scope may call a route that requires {@code required}. */
  public boolean allows(Scope required) {
    return this == ADMIN || this == required;
  }
}
