package dev.corral.server.backup;

import java.io.IOException;

/**
 * The backup's object store refused or could not be reached; the one-line message names the
 * operation, the object and the store's reason (shown as is in stats and on the Status page).
 */
public final class BackupStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  BackupStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
