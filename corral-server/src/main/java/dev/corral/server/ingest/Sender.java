package dev.corral.server.ingest;

import dev.corral.server.auth.Principal;
import java.util.Objects;

/**
 * Who sends a request to {@link IngestSink#append}: the API key it came with and the events per
 * second that key may send. A protocol without keys (syslog, GELF, Fluent forward) sends as {@link #ANONYMOUS}, limited only by the service quotas.
 *
 * @param keyId the key's id (the bucket's name), or {@code anonymous}
 * @param eventsPerSecond events per second the key may send, 0 for no limit
 */
public record Sender(String keyId, long eventsPerSecond) {
  /** A sender without a key: no per-key limit. */
  public static final Sender ANONYMOUS = new Sender("anonymous", 0);

  public Sender {
    Objects.requireNonNull(keyId, "keyId");
    if (eventsPerSecond < 0) {
      throw new IllegalArgumentException("eventsPerSecond is " + eventsPerSecond + ", must be 0 (no limit) or more");
    }
  }

  /** The sender a request admitted as {@code principal} is (its limits with the server's defaults applied). */
  public static Sender of(Principal principal) {
    return new Sender(principal.keyId(), principal.limits().eventsPerSecond());
  }
}
