package dev.corral.client;

import java.time.Duration;

/**
 * The answer to one batch.
 *
 * @param kind what the sender does next
 * @param accepted events stored (for {@link Kind#DELIVERED})
 * @param rejected events refused, for good
 * @param retryAfter the server's {@code Retry-After}, or null
 * @param reason for a diagnostic: the status and the server's error, or the I/O failure
 */
record PostOutcome(Kind kind, long accepted, long rejected, Duration retryAfter, String reason) {
  enum Kind {
    /** 2xx: the batch is done ({@code rejected} lines may have been refused within it). */
    DELIVERED,
    /** Corral is unreachable, starting, overloaded or out of disk (I/O error, 429, 503, 507, other 5xx): retry. */
    RETRY,
    /** 4xx other than 429 (malformed, wrong key, too large): retrying the same batch cannot succeed. */
    REFUSED
  }
}
