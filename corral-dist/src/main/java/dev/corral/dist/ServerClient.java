package dev.corral.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The CLI's view of a running server: GET a path, get JSON back, or a {@link Failure} whose
 * message is ready to print (unreachable server, error answer with its reason and caret).
 */
final class ServerClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  /** A request that did not produce an answer to print; {@link #exitCode()} is what the CLI returns. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    Failure(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  ServerClient(URI base) {
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
  }

  /** GETs {@code pathAndQuery} (already encoded) and parses the JSON answer. */
  JsonNode get(String pathAndQuery) throws Failure, IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(120))
          .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new Failure("cannot reach " + base + " (connection refused); is the server running? "
          + "Start one with ./corral serve or ./corral demo, or pass --url.", 3);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200) {
      String reason = body == null ? response.body() : body.path("error").asText(response.body());
      String caret = body != null && body.has("caret") ? "\n" + body.get("caret").asText().indent(2).stripTrailing() : "";
      throw new Failure("request failed (" + response.statusCode() + "): " + reason + caret, 1);
    }
    if (body == null) {
      throw new Failure("server answered with something that is not JSON: " + response.body(), 1);
    }
    return body;
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
