package dev.corral.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP response: status, extra headers and either a body already encoded or a {@link
 * StreamingBody} written while the connection stays open.
 *
 * @param contentType media type of the body
 * @param body the complete body; empty for a streaming response
 * @param stream the streaming body, or {@code null} for a complete one
 */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body, StreamingBody stream) {
  private static final byte[] NO_BODY = new byte[0];

  public Response {
    headers = Map.copyOf(headers);
    if (stream != null && body.length > 0) {
      throw new IllegalArgumentException("a streaming response has no complete body");
    }
  }

  /** A complete response. */
  public Response(int status, String contentType, Map<String, String> headers, byte[] body) {
    this(status, contentType, headers, body, null);
  }

  /** A response whose body {@code stream} writes after the headers are sent. */
  public static Response streaming(int status, String contentType, Map<String, String> headers, StreamingBody stream) {
    return new Response(status, contentType, headers, NO_BODY, java.util.Objects.requireNonNull(stream, "stream"));
  }

  /** A response with a status and headers only, such as 304 Not Modified or a redirect. */
  public static Response empty(int status, Map<String, String> headers) {
    return new Response(status, "text/plain; charset=utf-8", headers, NO_BODY);
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
