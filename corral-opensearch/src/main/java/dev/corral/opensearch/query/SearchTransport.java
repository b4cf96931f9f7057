package dev.corral.opensearch.query;

import java.io.IOException;
import java.time.Duration;

/**
 * The one thing the read side needs of the cluster: send a JSON request to a path and get the status
 * and body back. The write side's REST client (package {@code dev.corral.opensearch.client}: the
 * cluster's URLs, credentials, TLS, failover) provides it; tests use the same client.
 */
@FunctionalInterface
public interface SearchTransport {
  /**
   * Sends one request and waits for its answer.
   *
   * @param method {@code GET}, {@code POST} or {@code DELETE}
   * @param path the path and query string, e.g. {@code /corral-*}{@code /_search?ignore_unavailable=true}
   * @param body the JSON body, or null for none
   * @param timeout how long to wait for the answer at most
   * @throws java.net.http.HttpTimeoutException when no answer came within {@code timeout}
   * @throws dev.corral.store.search.StoreUnavailableException when no node answered
   */
  Response send(String method, String path, byte[] body, Duration timeout) throws IOException;

  /** An HTTP answer: its status and its body (JSON). */
  record Response(int status, byte[] body) {}
}
