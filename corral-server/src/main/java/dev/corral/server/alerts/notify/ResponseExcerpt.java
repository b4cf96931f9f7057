package dev.corral.server.alerts.notify;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads a receiver's response body keeping only its first {@value #MAX_BYTES} bytes (for the delivery log's
 * error) and discarding the rest, so a receiver answering a huge body costs no memory. One per response.
 */
final class ResponseExcerpt implements Flow.Subscriber<List<ByteBuffer>> {
  /** Enough for an error message such as PagerDuty's {"status":"invalid event","errors":[...]}. */
  static final int MAX_BYTES = 512;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  /** A body handler that keeps an excerpt of any response. */
  static HttpResponse.BodyHandler<String> handler() {
    return info -> HttpResponse.BodySubscribers.fromSubscriber(new ResponseExcerpt(), ResponseExcerpt::text);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int room = MAX_BYTES - kept.size();
      int take = Math.min(room, buffer.remaining());
      if (take > 0) {
        byte[] bytes = new byte[take];
        buffer.get(bytes);
        kept.write(bytes, 0, take);
      }
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // the exchange fails on its own; what was kept is simply not used
  }

  @Override
  public void onComplete() {
    // nothing to finish: the excerpt is what was kept
  }

  private String text() {
    return kept.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
  }
}
