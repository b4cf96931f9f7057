/**
 * Syslog input: RFC 5424 and RFC 3164 (with the deviations real senders make) over UDP, TCP and
 * TLS, with octet-counted and newline/NUL framing detected per message. Entry point
 * {@link dev.corral.server.inputs.syslog.SyslogInputs}; bytes flow
 * {@code SyslogFrameReader} (TCP) or {@code SyslogUdpHandler} (UDP) → {@code SyslogDecoder}
 * ({@code SyslogParser}: {@code Rfc5424Parser} / {@code Rfc3164Parser}) → {@code BatchWriter}
 * (one WAL append per batch, retried while the server refuses writes). Field mapping, framing and
 * limits are documented in docs/inputs/syslog.md.
 */
package dev.corral.server.inputs.syslog;
