package dev.corral.opensearch.query;

import dev.corral.opensearch.client.OpenSearchClient;
import dev.corral.opensearch.client.OpenSearchResponse;
import dev.corral.store.search.StoreUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The read side's {@link SearchTransport} over the store's {@link OpenSearchClient} (its failover, retries,
 * credentials and TLS), within each request's timeout: the client's own request timeout is the
 * configured one for every request, so a read waits for its answer on a virtual thread and gives up, by
 * interrupting it, when the query's time is over. Thread-safe.
 */
public final class ClientTransport implements SearchTransport {
  private static final String JSON = "application/json";

  private final OpenSearchClient client;
  private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

  public ClientTransport(OpenSearchClient client) {
    this.client = client;
  }

  @Override
  public Response send(String method, String path, byte[] body, Duration timeout) throws IOException {
    Future<OpenSearchResponse> answer = requests.submit(() -> client.send(method, path, body, JSON));
    try {
      OpenSearchResponse response = answer.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return new Response(response.status(), response.body());
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException(method + " " + path + " did not answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(method + " " + path + " interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new StoreUnavailableException(io.getMessage(), io); // every node tried, and why each failed
      }
      throw new IOException(method + " " + path + " failed: " + e.getCause(), e.getCause());
    }
  }
}
