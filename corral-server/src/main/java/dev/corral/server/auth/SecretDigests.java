package dev.corral.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one place secrets are compared: fixed-length digests compared with {@link
 * MessageDigest#isEqual} (constant time: it reads every byte whatever the first difference), so
 * how long a request takes never tells how many leading characters of a guessed secret were right.
 * A presented secret is first reduced to its SHA-256 digest, so its length does not show either.
 */
public final class SecretDigests {
  /** Length of every compared digest: SHA-256 and the Argon2 hashes are 32 bytes. */
  public static final int DIGEST_BYTES = 32;

  /**
   * Sees every pair of digests about to be compared; a test seam that records what is compared. It
   * observes and cannot replace the comparison: {@link #equal} always ends in {@link MessageDigest#isEqual}.
   */
  static volatile Probe probe = (a, b) -> {};

  /** Observes a comparison. */
  @FunctionalInterface
  interface Probe {
    void comparing(byte[] a, byte[] b);
  }

  private SecretDigests() {}

  /** The SHA-256 digest of a secret. */
  public static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JDK has SHA-256", e);
    }
  }

  /**
   * Whether two digests of {@link #DIGEST_BYTES} are equal, in constant time.
   *
   * @throws IllegalStateException when a digest has another length (a bug: only digests are compared)
   */
  public static boolean equal(byte[] a, byte[] b) {
    if (a.length != DIGEST_BYTES || b.length != DIGEST_BYTES) {
      throw new IllegalStateException("BUG: secrets are compared as " + DIGEST_BYTES + "-byte digests, got "
          + a.length + " and " + b.length + " bytes");
    }
    probe.comparing(a, b);
    return MessageDigest.isEqual(a, b);
  }
}
