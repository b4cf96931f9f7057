package dev.corral.server.http;

import java.util.Map;

/**
 * An error answered with {@code status} and a JSON body {@code {"status": …, "error": reason}}
 * plus any {@code details}; {@code headers} (such as Retry-After) are added to the response.
 */
public class HttpError extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient Map<String, String> headers;
  private final transient Map<String, Object> details;

  public HttpError(int status, String reason) {
    this(status, reason, Map.of(), Map.of());
  }

  public HttpError(int status, String reason, Map<String, String> headers, Map<String, Object> details) {
    super(reason);
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.details = Map.copyOf(details);
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** Extra fields for the JSON body, e.g. the position of a syntax error. */
  public Map<String, Object> details() {
    return details;
  }
}
