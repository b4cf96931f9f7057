package dev.corral.opensearch.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** TEMPORARY until os-write's client is merged: a transport over the JDK's HTTP client to one node. */
final class JdkTransport implements SearchTransport {
  private final HttpClient client = HttpClient.newHttpClient();
  private final String url;

  JdkTransport(String url) {
    this.url = url;
  }

  @Override
  public Response send(String method, String path, byte[] body, Duration timeout) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
        .header("content-type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
