package dev.corral.opensearch.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One answer of the cluster.
 *
 * @param url the base URL of the node that answered
 * @param request method and path, for messages ("POST /_bulk")
 * @param status the HTTP status
 * @param body the body as received (empty for HEAD)
 */
public record OpenSearchResponse(URI url, String request, int status, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How much of a body that is not OpenSearch's error JSON a message quotes. */
  private static final int QUOTED_BODY_CHARS = 300;

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The body parsed as JSON. */
  public JsonNode json() throws IOException {
    return JSON.readTree(body);
  }

  /**
   * This answer, when it is a success.
   *
   * @throws OpenSearchException naming the node, the request, the status and OpenSearch's error
   */
  public OpenSearchResponse requireSuccess() throws OpenSearchException {
    if (!isSuccess()) {
      throw error();
    }
    return this;
  }

  /** The error this answer describes: OpenSearch's {@code error.type}/{@code error.reason}, else the body's start. */
  public OpenSearchException error() {
    String type = "http_error";
    String reason = new String(body, 0, Math.min(body.length, QUOTED_BODY_CHARS), StandardCharsets.UTF_8).strip();
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isObject()) {
        type = error.path("type").asText(type);
        reason = error.path("reason").asText(reason);
      } else if (error.isTextual()) {
        reason = error.asText();
      }
    } catch (IOException notJson) {
      // a proxy's HTML page or an empty body: quoted as is
    }
    return new OpenSearchException(url, request, status, type, reason.isEmpty() ? "(empty body)" : reason);
  }
}
