package dev.corral.server.inputs.fluent;

import java.io.IOException;

/**
 * The connection itself failed (closed, idle, too slow) while the bytes of a PackedForward payload
 * were being read; distinguishes that from a corrupt payload, which only costs the payload.
 */
final class PeerStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  PeerStreamException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
