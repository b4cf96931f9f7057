package dev.corral.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete HTTP response: status, extra headers and a body already encoded.
 *
 * @param contentType media type of the body
 */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {
  public Response {
    headers = Map.copyOf(headers);
  }

  /** A JSON response. */
  public static Response json(int status, byte[] json) {
    return new Response(status, "application/json", Map.of(), json);
  }

  /** A JSON response with extra headers. */
  public static Response json(int status, byte[] json, Map<String, String> headers) {
    return new Response(status, "application/json", headers, json);
  }

  /** A plain-text response. */
  public static Response text(int status, String text) {
    return new Response(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }
}
