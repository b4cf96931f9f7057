/**
 * How Corral writes its own logs: {@link dev.corral.server.logging.KeyValueLayout} renders each
 * event as one key=value line whose values are quoted and escaped, so nothing a client sends (a
 * path, a header, a field) can break a line or forge another.
 */
package dev.corral.server.logging;
