package dev.corral.server.archive;

import java.io.IOException;

/**
 * The object store refused or could not be reached: wrong credentials, no such bucket, the
 * endpoint down. The message is one line that names the operation, the key or bucket and the
 * store's own reason (its error code and status), never a credential; a pass that meets it leaves
 * the local data as it was and is retried.
 */
public final class ArchiveUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public ArchiveUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
