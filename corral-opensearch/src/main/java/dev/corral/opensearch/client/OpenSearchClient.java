package dev.corral.opensearch.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's REST API over the JDK's HTTP client: no OpenSearch client library, so any
 * OpenSearch 2.x/3.x (or Elasticsearch with the same API) serves.
 *
 * <p>Contract:
 * <ul>
 *   <li>Failover: requests go to the URL that last answered; a URL that cannot be reached
 *       (connection refused, reset, connect or request timeout) hands the request to the next one
 *       at once, round the list.
 *   <li>Retry: an answer 429 (too many requests) or 5xx is retried on the next URL after a backoff
 *       that doubles from {@value #FIRST_BACKOFF_MILLIS} ms, up to {@value #ATTEMPTS} rounds; every
 *       request Corral sends is idempotent (documents carry their {@code _id}), so a retry is safe.
 *   <li>When no round succeeds, {@link ClusterUnavailableException} names every URL and what it
 *       did; an answer that is neither a success nor retryable (a 4xx) is returned as is, for the
 *       caller to read ({@link OpenSearchResponse#requireSuccess()}).
 *   <li>Credentials go in a basic-auth header only, never in a message or a log line.
 * </ul>
 * Thread-safe: one client serves every thread; the JDK client pools connections.
 */
public final class OpenSearchClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchClient.class);
  /** Rounds over the URL list for a request answered 429/5xx or unreachable: a node restarting needs a few seconds. */
  static final int ATTEMPTS = 4;
  /** First pause before a retry round; doubles each round (100, 200, 400 ms): 0.7 s before giving up. */
  static final long FIRST_BACKOFF_MILLIS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  /** {@code _bulk} takes newline-delimited JSON. */
  private static final String NDJSON_TYPE = "application/x-ndjson";

  private final ClientSettings settings;
  private final HttpClient http;
  private final String authorization;
  /** The URL that answered last: where the next request starts. */
  private final AtomicInteger preferred = new AtomicInteger();

  /**
   * @throws IOException naming the CA file when it cannot be read
   */
  public OpenSearchClient(ClientSettings settings) throws IOException {
    this.settings = settings;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.urls().stream().anyMatch(url -> url.getScheme().equalsIgnoreCase("https"))) {
      builder.sslContext(TrustedCertificates.context(settings.caFile(), settings.verifyHostname()));
    }
    this.http = builder.build();
    this.authorization = settings.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
  }

  public ClientSettings settings() {
    return settings;
  }

  /** {@code GET path}, answered as is (404 included). */
  public OpenSearchResponse get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  /** {@code method path} with a JSON body (null for none). */
  public OpenSearchResponse send(String method, String path, JsonNode body) throws IOException, InterruptedException {
    return send(method, path, body == null ? null : JSON.writeValueAsBytes(body), JSON_TYPE);
  }

  /** {@code POST /_bulk} with an NDJSON body (every line, the last included, ends with a newline). */
  public OpenSearchResponse bulk(byte[] ndjson) throws IOException, InterruptedException {
    return send("POST", "/_bulk", ndjson, NDJSON_TYPE);
  }

  /**
   * Sends one request with failover and retries (see the class contract).
   *
   * @param path starting with {@code /}, query string included
   * @param body null for none
   * @throws ClusterUnavailableException when no URL gave an answer other than 429/5xx within the attempts
   */
  public OpenSearchResponse send(String method, String path, byte[] body, String contentType)
      throws IOException, InterruptedException {
    String request = method + " " + path;
    List<String> failures = new ArrayList<>();
    IOException last = null;
    List<URI> urls = settings.urls();
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Thread.sleep(backoff);
        backoff *= 2;
      }
      int first = preferred.get();
      for (int tried = 0; tried < urls.size(); tried++) {
        int index = (first + tried) % urls.size();
        URI url = urls.get(index);
        try {
          OpenSearchResponse answer = exchange(url, request, method, path, body, contentType);
          if (answer.status() == 429 || answer.status() >= 500) {
            OpenSearchException busy = answer.error();
            failures.add(url + " answered " + answer.status() + " (" + busy.errorType() + ": " + busy.reason() + ")");
            last = busy;
            preferred.compareAndSet(index, index + 1 == urls.size() ? 0 : index + 1);
            break; // back off before the next node: a cluster that is busy is busy everywhere
          }
          preferred.set(index);
          return answer;
        } catch (IOException unreachable) {
          failures.add(url + " unreachable (" + describe(url, unreachable) + ")");
          last = unreachable;
          preferred.compareAndSet(index, index + 1 == urls.size() ? 0 : index + 1);
          log.atDebug().addKeyValue("url", url).addKeyValue("request", request).addKeyValue("error", describe(url, unreachable))
              .log("OpenSearch node unreachable, trying the next");
        }
      }
    }
    throw new ClusterUnavailableException("OpenSearch cluster unavailable for " + request + " after " + ATTEMPTS
        + " rounds over " + urls + ": " + String.join("; ", lastRound(failures, urls.size())), last);
  }

  private OpenSearchResponse exchange(URI url, String request, String method, String path, byte[] body,
      String contentType) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path)).timeout(settings.requestTimeout())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      builder.header("Content-Type", contentType);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpResponse<byte[]> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new OpenSearchResponse(url, request, answer.statusCode(), answer.body());
  }

  /** The failures of the last round only: earlier rounds say the same. */
  private static List<String> lastRound(List<String> failures, int urls) {
    return failures.subList(Math.max(0, failures.size() - urls), failures.size());
  }

  /**
   * What went wrong on the way to {@code url}: a TLS failure and the setting to check ({@link TlsFailure}),
   * else the exception's class and the first message along its causes ("ConnectException",
   * "HttpConnectTimeoutException: ...").
   */
  private static String describe(URI url, IOException e) {
    Optional<String> tls = TlsFailure.describe(url, e);
    if (tls.isPresent()) {
      return tls.get();
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().equals(String.valueOf(c.getCause()))) {
        return e.getClass().getSimpleName() + ": " + c.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  @Override
  public void close() {
    http.close();
  }
}
