package dev.corral.server.ingest;

/**
 * Why the ingest path refused a request as a whole, with the retry hint where one applies. The
 * domain says only why; each input decides what that means on its wire: the HTTP layer maps it to
 * a status code ({@code http.RefusalStatus}), socket inputs hold the batch and retry, or split it
 * when it is {@link TooLarge}.
 */
public sealed interface Refusal {
  /** Seconds the sender should wait before retrying, or 0 for no advice (the default). */
  default int retryAfterSeconds() {
    return 0;
  }

  /** The server is starting: it replays the write-ahead log before it takes writes. */
  record NotReady(int retryAfterSeconds) implements Refusal {}

  /** The server is stopping. */
  record Stopping(int retryAfterSeconds) implements Refusal {}

  /** The write-ahead log or the store stopped taking writes after a failure; queries keep working. */
  record WritesStopped() implements Refusal {}

  /** The disk is (nearly) full; ingest resumes by itself once space is freed. */
  record DiskFull(int retryAfterSeconds) implements Refusal {}

  /** Indexing is behind: too many events wait; retry later. */
  record Backlog(int retryAfterSeconds) implements Refusal {}

  /**
   * The request is over a rate limit: its API key's events per second, or a service's ingest quota.
   * Nothing of it was stored; the same request is taken once the bucket refilled.
   *
   * @param retryAfterSeconds whole seconds until the bucket holds enough, at least 1
   * @param limited what is limited, e.g. {@code key 3fj2k} or {@code service payment-api}
   */
  record RateLimited(int retryAfterSeconds, String limited) implements Refusal {}

  /** The request (or the batch it makes) is over a size limit; smaller pieces are taken. */
  record TooLarge() implements Refusal {}

  /** The body cannot be read (empty, corrupt, truncated, not the protocol); resending it fails again. */
  record Malformed() implements Refusal {}

  /** The body comes in a content type or encoding the input does not read. */
  record Unsupported() implements Refusal {}
}
