package dev.corral.server.tail;

import dev.corral.server.audit.AuditEntries;
import dev.corral.server.audit.AuditTrail;
import dev.corral.server.http.Response;
import dev.corral.server.http.HttpError;
import dev.corral.server.http.Request;
import dev.corral.server.http.Handler;
import dev.corral.server.search.QueryFailures;
import dev.corral.model.LogEvent;
import dev.corral.query.eval.EventFilter;
import dev.corral.server.search.FilterText;
import dev.corral.server.search.ReadScope;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/tail?q=<filter>}: a Server-Sent Events stream of the events that match the
 * filter, from now on — or, with a {@code Last-Event-ID} ({@link LastEventId}), from just after
 * that position, replaying what the client missed first (see {@link TailEventStream} for the
 * messages). A {@code Last-Event-ID} that is no position ({@link UnknownPositionException}) is a 400. A restricted principal's
 * read filter is ANDed with the tail's ({@link ReadScope}): it receives only events it may read. The filter is checked before
 * the stream starts: a syntax error (a pipe included) is a 400 with its position; all tails taken,
 * or the client's share of them ({@code tail.max_per_client}, by remote address), is a 429 naming
 * the limit. Relative times in the filter ({@code now-5m}) are fixed when the tail opens.
 */
public final class TailHandler implements Handler {
  /** Seconds a refused client is asked to wait: tails close when people leave the page. */
  private static final String RETRY_AFTER_SECONDS = "5";

  private final TailHub hub;
  private final TailReplay replay;
  private final int maxKeywordBytes;
  private final AuditTrail audit;

  /**
   * @param maxKeywordBytes the store's keyword limit, so the tail matches what a search would
   * @param audit where each tail started is recorded (a search of kind {@code tail})
   */
  TailHandler(TailHub hub, TailReplay replay, int maxKeywordBytes, AuditTrail audit) {
    this.audit = audit;
    this.hub = hub;
    this.replay = replay;
    this.maxKeywordBytes = maxKeywordBytes;
  }

  @Override
  public Response handle(Request request) throws Exception {
    String q = request.param("q", "");
    Predicate<LogEvent> filter = QueryFailures.answer(() -> EventFilter.compile(
        ReadScope.of(request.principal()).restrict(FilterText.parse(q)), Instant.now(), maxKeywordBytes));
    OptionalLong resumeFrom;
    try {
      resumeFrom = LastEventId.of(request.header(LastEventId.HEADER), request.param(LastEventId.PARAMETER, null));
      if (resumeFrom.isPresent()) {
        replay.check(resumeFrom.getAsLong());
      }
    } catch (UnknownPositionException e) {
      throw new HttpError(400, e.getMessage());
    }
    TailSubscription subscription;
    try {
      subscription = hub.subscribe(request.remoteAddress(), filter);
    } catch (TailBusyException e) {
      throw new HttpError(429, e.getMessage(), Map.of("Retry-After", RETRY_AFTER_SECONDS), Map.of());
    } catch (IllegalStateException e) {
      throw new HttpError(503, e.getMessage());
    }
    audit.record(AuditEntries.search(request, "tail", q, resumeFrom.isPresent() ? "position " + resumeFrom.getAsLong()
        : "now", ""));
    return Response.streaming(200, TailEventStream.MEDIA_TYPE,
        Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no"), new TailEventStream(subscription, replay, resumeFrom));
  }
}
