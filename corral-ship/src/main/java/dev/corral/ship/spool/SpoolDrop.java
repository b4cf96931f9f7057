package dev.corral.ship.spool;

/**
 * A batch the spool let go without delivering it.
 *
 * @param file   the spool file
 * @param events how many events it held (0 when unreadable)
 * @param reason why: over {@code spool.max_bytes}, older than {@code spool.max_age}, or damaged
 */
public record SpoolDrop(String file, int events, String reason) {
}
