package dev.corral.opensearch.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  /** The title of an HTML error page (a proxy's: "401 Authorization Required", "502 Bad Gateway"). */
  private static final Pattern HTML_TITLE = Pattern.compile("<title>\\s*([^<]*?)\\s*</title>", Pattern.CASE_INSENSITIVE);
  /** What a 401 means, whoever answered it (the security plugin or a proxy in front of the cluster). */
  static final String AUTHENTICATION_FAILED = "authentication failed: the cluster refused the credentials; check "
      + "store.opensearch.username and store.opensearch.password";

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

  /**
   * The error this answer describes: OpenSearch's {@code error.type}/{@code error.reason}, else an
   * HTML page's title, else the body's start; a 401 says that authentication failed and which
   * settings to check (never their values).
   */
  public OpenSearchException error() {
    ErrorReason error = errorReason(status, body);
    return new OpenSearchException(url, request, status, error.type(), error.reason());
  }

  /** OpenSearch's {@code error.type} ({@code http_error} when it sent none) and the reason, as {@link #error()} says them. */
  public record ErrorReason(String type, String reason) {
    @Override
    public String toString() {
      return type + ": " + reason;
    }
  }

  /** The error an answer of {@code status} with {@code body} describes, as {@link #error()} words it. */
  public static ErrorReason errorReason(int status, byte[] body) {
    String type = "http_error";
    String reason = new String(body, 0, Math.min(body.length, QUOTED_BODY_CHARS), StandardCharsets.UTF_8).strip();
    Matcher title = HTML_TITLE.matcher(reason);
    if (title.find()) {
      reason = title.group(1);
    }
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
    reason = reason.isEmpty() ? "(empty body)" : reason;
    return new ErrorReason(type, status == 401 ? reason + "; " + AUTHENTICATION_FAILED : reason);
  }
}
