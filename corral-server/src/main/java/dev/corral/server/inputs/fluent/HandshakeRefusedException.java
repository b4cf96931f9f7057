package dev.corral.server.inputs.fluent;

import java.nio.charset.StandardCharsets;

/**
 * A forward connection did not complete the shared-key handshake: it sent no PING in time, something else instead,
 * a PING of the wrong shape or over a limit, or a wrong digest. Carries the short reason the PONG tells the client
 * and a longer one for the server's log.
 */
final class HandshakeRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  /**
   * Longest reason a PONG carries: Fluent Bit copies it into a 32-byte buffer, so a longer one could overrun it;
   * the details go to the server's log instead.
   */
  static final int MAX_PONG_REASON_BYTES = 31;

  private final String pongReason;

  /**
   * @param pongReason what the PONG tells the client, at most {@link #MAX_PONG_REASON_BYTES} bytes
   * @param detail what went wrong, for the server's log; never holds the shared key
   */
  HandshakeRefusedException(String pongReason, String detail) {
    super(detail);
    if (pongReason.getBytes(StandardCharsets.UTF_8).length > MAX_PONG_REASON_BYTES) {
      throw new IllegalArgumentException("BUG: PONG reason '" + pongReason + "' is longer than "
          + MAX_PONG_REASON_BYTES + " bytes");
    }
    this.pongReason = pongReason;
  }

  /** What the PONG tells the client. */
  String pongReason() {
    return pongReason;
  }
}
