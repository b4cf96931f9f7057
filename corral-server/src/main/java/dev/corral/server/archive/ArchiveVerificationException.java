package dev.corral.server.archive;

import java.io.IOException;

/**
 * An archived day in the bucket does not match its manifest: an object missing, of another size or
 * with another SHA-256. The message names the object ({@code s3://bucket/prefix/days/DAY/GEN/FILE})
 * and both values. The day is not recorded as archived and stays on the local disk.
 */
public final class ArchiveVerificationException extends IOException {
  private static final long serialVersionUID = 1L;

  public ArchiveVerificationException(String message) {
    super(message);
  }
}
