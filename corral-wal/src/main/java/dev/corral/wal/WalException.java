package dev.corral.wal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * An append that did not become durable. The record was not acknowledged and is not in the
 * log; the caller may retry (after a full disk has been given space) or report the failure.
 *
 * <p>{@link #isDiskFull()} tells a full disk apart from other I/O errors so the server can push
 * back with a retryable status instead of a server error.
 */
public class WalException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Fragments of the messages that operating systems use for "out of space" or quota. */
  private static final List<String> DISK_FULL_MESSAGES =
      List.of("no space left on device", "enospc", "not enough space on the disk",
          "disk quota exceeded", "edquot", "disk full");

  private final boolean diskFull;

  public WalException(String message) {
    this(message, null, false);
  }

  public WalException(String message, Throwable cause, boolean diskFull) {
    super(message, cause);
    this.diskFull = diskFull;
  }

  /** True when the append failed because the disk (or the user's quota) is full. */
  public boolean isDiskFull() {
    return diskFull;
  }

  /** True when {@code error} or any of its causes or suppressed errors says the disk is full. */
  static boolean causedByFullDisk(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (String fragment : DISK_FULL_MESSAGES) {
          if (lower.contains(fragment)) {
            return true;
          }
        }
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (causedByFullDisk(suppressed)) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
