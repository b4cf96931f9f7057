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

  /**
   * A scope by its name in any case ({@code ingest}, {@code read}, {@code admin}).
   *
   * @throws IllegalArgumentException naming the text and the scopes
   */
  public static Scope named(String text) {
    try {
      return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("scope '" + text + "' is not one of ingest, read, admin");
    }
  }

  /** Whether a key of this scope may call a route that requires {@code required}. */
  public boolean allows(Scope required) {
    return this == ADMIN || this == required;
  }
}
