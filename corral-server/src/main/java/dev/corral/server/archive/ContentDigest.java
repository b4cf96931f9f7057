package dev.corral.server.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a stream, as the manifest writes it: 64 lowercase hex digits. */
final class ContentDigest {
  /** Read in 1 MiB chunks: big enough for disk and network, small beside the heap. */
  private static final int BUFFER_BYTES = 1 << 20;

  private ContentDigest() {}

  /** Reads {@code in} to its end and returns its SHA-256 and length. */
  static Digest sha256(InputStream in) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER_BYTES];
    long length = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
      length += n;
    }
    return new Digest(HexFormat.of().formatHex(digest.digest()), length);
  }

  /**
   * Checks that {@code local}, downloaded from {@code object}, has the size and SHA-256 its manifest says.
   *
   * @throws ArchiveVerificationException naming the object, what it has and what the manifest says
   */
  static void requireMatch(java.nio.file.Path local, String object, long bytes, String sha256) throws IOException {
    Digest digest;
    try (InputStream in = java.nio.file.Files.newInputStream(local)) {
      digest = sha256(in);
    }
    if (!digest.sha256().equals(sha256) || digest.bytes() != bytes) {
      throw new ArchiveVerificationException(object + " has sha256 " + digest.sha256() + " (" + digest.bytes()
          + " bytes); the manifest says " + sha256 + " (" + bytes + " bytes)");
    }
  }

  /** A stream's SHA-256 (hex) and how many bytes it had. */
  record Digest(String sha256, long bytes) {}
}
