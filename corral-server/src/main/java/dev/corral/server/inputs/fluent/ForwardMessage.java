package dev.corral.server.inputs.fluent;

/**
 * What one top-level value on a forward connection was.
 *
 * @param kind events, a heartbeat, an authentication request, or the end of the stream
 * @param options the message's options ({@link ForwardOptions#NONE} unless events)
 * @param entries entries the message carried (accepted and rejected)
 */
record ForwardMessage(Kind kind, ForwardOptions options, int entries) {
  enum Kind {
    /** A Message, Forward, PackedForward or CompressedPackedForward message. */
    EVENTS,
    /** A msgpack nil, which clients may send as a health check. */
    HEARTBEAT,
    /** A handshake PING: the client wants shared-key authentication. */
    PING,
    /** The peer closed the connection between messages. */
    END
  }

  static final ForwardMessage END = new ForwardMessage(Kind.END, ForwardOptions.NONE, 0);
  static final ForwardMessage HEARTBEAT = new ForwardMessage(Kind.HEARTBEAT, ForwardOptions.NONE, 0);
  static final ForwardMessage PING = new ForwardMessage(Kind.PING, ForwardOptions.NONE, 0);
}
