package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import javax.net.ssl.SSLHandshakeException;
import java.nio.file.Path;
import dev.corral.ship.tls.ClientTls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The CLI's view of a running server: GET a path, get JSON back (or a stream, for the live tail),
 * or a {@link Failure} whose message is ready to print (unreachable server, error answer with its
 * reason and caret).
 */
final class ServerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final URI base;
  /** The Authorization header value, or null when no key was given. */
  private final String authorization;

  /** A request that did not produce an answer to print; {@link #exitCode()} is what the CLI returns. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final int status;
    private final String retryAfter;

    Failure(String message, int exitCode) {
      this(message, exitCode, 0, null);
    }

    Failure(String message, int exitCode, int status, String retryAfter) {
      super(message);
      this.exitCode = exitCode;
      this.status = status;
      this.retryAfter = retryAfter;
    }

    int exitCode() {
      return exitCode;
    }

    /** The HTTP status of the error answer, or 0 when there was none. */
    int status() {
      return status;
    }

    /** The answer's {@code Retry-After} header, or null. */
    String retryAfter() {
      return retryAfter;
    }
  }

  /** @param key the API key ({@code id:secret}) sent as {@code Authorization: ApiKey}, or null/blank for none */
  ServerClient(URI base, String key) {
    this(base, key, null);
  }

  /**
   * @param ca PEM file of the CA to trust for an https server, or null for the JDK's trusted CAs
   * @throws IllegalArgumentException naming {@code --ca} when the file is missing or holds no certificate
   */
  ServerClient(URI base, String key, Path ca) {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ca != null) {
      try {
        client.sslContext(new ClientTls(ca, null, null, "--").context());
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    this.http = client.build();
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
    this.authorization = key == null || key.isBlank() ? null : "ApiKey " + key.strip();
  }

  ServerClient(URI base) {
    this(base, null);
  }

  /** GETs {@code pathAndQuery} (already encoded) and parses the JSON answer. */
  JsonNode get(String pathAndQuery) throws Failure, IOException, InterruptedException {
    return send("GET", pathAndQuery, null);
  }

  /**
   * Sends a request ({@code json} as its body, or none when null) and parses the JSON answer; any
   * 2xx is a success.
   */
  JsonNode send(String method, String pathAndQuery, String json) throws Failure, IOException, InterruptedException {
    return send(method, pathAndQuery, json, Duration.ofSeconds(120));
  }

  /** {@link #send(String, String, String)} waiting up to {@code timeout} for the answer (a restore of many days). */
  JsonNode send(String method, String pathAndQuery, String json, Duration timeout)
      throws Failure, IOException, InterruptedException {
    HttpResponse<String> response;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw unreachable();
    } catch (SSLHandshakeException e) {
      throw untrusted(e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw refused(response, response.body(), 1);
    }
    if (body == null) {
      throw new Failure("server answered with something that is not JSON: " + response.body(), 1);
    }
    return body;
  }

  /**
   * GETs {@code pathAndQuery} (already encoded) as a stream with {@code headers}; returns the
   * answer once its headers arrived, its body still open (the caller closes it). Waits at most the
   * connect timeout to connect, and never times out the body.
   *
   * @throws Failure for an error answer: exit code 2 for a 400 (a bad query), else 1; its status
   *     and {@code Retry-After} tell a caller whether retrying makes sense
   * @throws ConnectException when nothing listens at the address (the caller decides: fail or retry)
   */
  HttpResponse<InputStream> stream(String pathAndQuery, Map<String, String> headers)
      throws Failure, IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    headers.forEach(request::header);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      String text;
      try (InputStream body = response.body()) {
        text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
      throw refused(response, text, response.statusCode() == 400 ? 2 : 1);
    }
    return response;
  }

  /** The failure of an https server whose certificate this client does not trust (or that wants a client's). */
  Failure untrusted(SSLHandshakeException e) {
    return new Failure("TLS handshake with " + base + " failed: " + e.getMessage() + "; for a server whose "
        + "certificate your own CA signed, pass --ca FILE (or CORRAL_CA_CERT), e.g. the ca.pem of corral certs create", 1);
  }

  /** The failure of a server that does not answer. */
  Failure unreachable() {
    return new Failure("cannot reach " + base + " (connection refused); is the server running? "
        + "Start one with ./corral serve or ./corral demo, or pass --url.", 3);
  }

  /** The failure of an error answer: its reason, caret and a hint for a missing key. */
  private static Failure refused(HttpResponse<?> response, String text, int exitCode) {
    JsonNode body = parse(text);
    String reason = body == null ? text : body.path("error").asText(text);
    String caret = body != null && body.has("caret") ? "\n" + body.get("caret").asText().indent(2).stripTrailing() : "";
    String hint = response.statusCode() == 401 ? "\n  pass an API key with --key id:secret or CORRAL_API_KEY" : "";
    return new Failure("request failed (" + response.statusCode() + "): " + reason + caret + hint, exitCode,
        response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
  }

  URI base() {
    return base;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
