package dev.corral.server.inputs.socket;

import org.slf4j.event.Level;

/**
 * Why a socket listener turned a sender away before reading what it sent, the key it is counted
 * under in the listener's stats, and the level it is logged at (client errors at DEBUG).
 */
public enum Refusal {
  /** The TCP listener already serves {@code sockets.max_connections}: a capacity signal for the operator. */
  CONNECTION_LIMIT("connection_limit", Level.WARN, "too many connections; closing the new one"),
  /** The source address is not in {@code inputs.allowed_sources}. */
  SOURCE_NOT_ALLOWED("source_not_allowed", Level.DEBUG, "source not in inputs.allowed_sources; refused"),
  /** The TLS handshake failed: no client certificate, one the CA did not sign or that expired, or no TLS at all. */
  HANDSHAKE_FAILED("handshake_failed", Level.DEBUG, "TLS handshake failed; connection closed");

  private final String key;
  private final Level level;
  private final String message;

  Refusal(String key, Level level, String message) {
    this.key = key;
    this.level = level;
    this.message = message;
  }

  /** The stats key of this reason, e.g. {@code source_not_allowed}. */
  public String key() {
    return key;
  }

  Level level() {
    return level;
  }

  String message() {
    return message;
  }
}
