package dev.corral.opensearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corral.opensearch.client.OpenSearchResponse;
import dev.corral.store.search.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The reason in an OpenSearch error answer ({@code error.root_cause[0].reason}, else {@code error.reason}), and the
 * failure a read meets when the cluster answers an error.
 */
final class ClusterErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** An answer that is no JSON error is quoted up to this many bytes: enough to recognise it. */
  private static final int QUOTED_BYTES = 300;

  private ClusterErrors() {}

  /**
   * A request of the read side that the cluster answered with an error status (not a 400, which is the query's
   * fault): the store cannot answer now. A 401 says which settings to check, never their values.
   *
   * @param doing what the request was for, e.g. {@code to a search}, {@code listing the indices corral-*}
   */
  static StoreUnavailableException unavailable(String doing, SearchTransport.Response response) {
    String reason = response.status() == 401 ? OpenSearchResponse.errorReason(401, response.body()).toString()
        : reason(response.body());
    return new StoreUnavailableException("OpenSearch answered " + response.status() + " " + doing + ": " + reason);
  }

  static String reason(byte[] body) {
    try {
      JsonNode error = MAPPER.readTree(body).path("error");
      JsonNode root = error.path("root_cause").path(0);
      String type = root.path("type").asText(error.path("type").asText(""));
      String reason = root.path("reason").asText(error.path("reason").asText(""));
      if (!reason.isEmpty()) {
        return type.isEmpty() ? reason : type + ": " + reason;
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: quoted below
    }
    return new String(body, 0, Math.min(body.length, QUOTED_BYTES), StandardCharsets.UTF_8);
  }
}
