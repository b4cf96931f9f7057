package dev.corral.server.inputs.socket;

/**
 * One received UDP datagram.
 *
 * @param data exactly the datagram's bytes (owned by the receiver)
 * @param sender the peer, e.g. {@code 127.0.0.1:40211}
 * @param receivedAtNanos wall-clock epoch nanoseconds of receipt
 */
public record Datagram(byte[] data, String sender, long receivedAtNanos) {}
