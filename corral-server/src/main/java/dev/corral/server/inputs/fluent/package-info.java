/**
 * Fluent forward protocol input (Forward Protocol Specification v1) over TCP: Message, Forward,
 * PackedForward and CompressedPackedForward modes, EventTime, the {@code size} option, and
 * {@code chunk} acks sent only once the WAL holds the chunk's events (at-least-once delivery for
 * Fluent Bit, Fluentd and Fluency). Records are flattened into fields and normalized through the
 * alias table; whatever cannot be converted is stored as a dead letter. Shared-key authentication
 * (the protocol's HELO/PING/PONG handshake) is required when {@code fluent.shared_key} is set. User documentation:
 * {@code docs/inputs/fluent.md}.
 */
package dev.corral.server.inputs.fluent;
