package dev.corral.ship.decode;

/**
 * One message of a container log, its runtime framing removed.
 *
 * @param message   the application's text (without the line break the runtime kept)
 * @param stream    {@code stdout} or {@code stderr}, or null when the line had no framing
 * @param time      the runtime's RFC 3339 receive time, or null
 * @param truncated whether partial lines joined past the limit were cut
 */
public record ContainerLogLine(String message, String stream, String time, boolean truncated) {}
