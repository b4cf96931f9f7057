/** Syslog input: RFC 5424 and RFC 3164 messages over UDP, TCP (octet-counted or newline framing) and TLS. */
package dev.corral.server.inputs.syslog;
