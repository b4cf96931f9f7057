package dev.corral.ship.deliver;

import java.time.Duration;
import java.util.List;

/** What became of one request. */
sealed interface SendResult {
  /**
   * The server took the request. {@code rejected} events were refused one by one (malformed, mapping errors:
   * retrying cannot help, Corral keeps them as dead letters); {@code retry} are the events refused for now
   * (a {@code _bulk} item with status 429), to send again after {@code retryAfter} (null: back off).
   */
  record Delivered(int accepted, int rejected, String firstRejection, List<String> retry, Duration retryAfter)
      implements SendResult {
    public Delivered {
      retry = List.copyOf(retry);
    }
  }

  /** Not taken now, try the same request again: connection error, timeout, 5xx, 429, 503, 507, 401, 403. */
  record Retryable(String reason, Duration retryAfter) implements SendResult {
  }

  /** 413: the body is over the server's limit; send it in smaller parts. */
  record TooLarge(String reason) implements SendResult {
  }

  /** Any other 4xx: the request itself is wrong and sending it again gets the same answer. */
  record Refused(int status, String reason) implements SendResult {
  }
}
