package dev.corral.opensearch.client;

import java.io.IOException;

/**
 * No node of the cluster could be reached, or every node kept answering "busy" (429) or a server
 * error (5xx) through all attempts: names every URL tried and what each did.
 */
public class ClusterUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
