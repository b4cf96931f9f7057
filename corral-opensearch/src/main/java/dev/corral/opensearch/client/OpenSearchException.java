package dev.corral.opensearch.client;

import java.io.IOException;
import java.net.URI;

/**
 * The cluster answered a request with an error: names the node's URL, the request, the HTTP status
 * and OpenSearch's own error type and reason ({@code "OpenSearch http://10.0.0.5:9200 PUT
 * /_index_template/corral answered 400 (mapper_parsing_exception: unknown parameter [x])"}). Never
 * carries credentials.
 */
public class OpenSearchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final URI url;
  private final int status;
  private final String errorType;
  private final String reason;

  public OpenSearchException(URI url, String request, int status, String errorType, String reason) {
    super("OpenSearch " + url + " " + request + " answered " + status + " (" + errorType + ": " + reason + ")");
    this.url = url;
    this.status = status;
    this.errorType = errorType;
    this.reason = reason;
  }

  /** The base URL of the node that answered. */
  public URI url() {
    return url;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** OpenSearch's {@code error.type} ("mapper_parsing_exception"), or "http_error" when the body had none. */
  public String errorType() {
    return errorType;
  }

  /** OpenSearch's {@code error.reason}, or the start of the body. */
  public String reason() {
    return reason;
  }
}
