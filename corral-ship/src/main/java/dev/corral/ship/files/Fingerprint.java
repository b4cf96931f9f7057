package dev.corral.ship.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of a file's first bytes: tells a file from another one that got its inode after it was deleted, and a
 * truncated file rewritten from its start. Covers {@link #BYTES} bytes once the file has them, fewer before (and
 * records how many, so a small file is compared on what it had).
 *
 * @param length how many bytes from the start the hash covers
 * @param hash   the first 8 bytes of their SHA-256, in hex
 */
public record Fingerprint(int length, String hash) {
  /** Filebeat's fingerprint length: past the timestamp and logger name of the first line or two of any log. */
  public static final int BYTES = 1024;

  /** Reads the fingerprint of the file open as {@code channel} (positional reads: its position is left alone). */
  static Fingerprint of(FileChannel channel) throws IOException {
    return of(channel, (int) Math.min(BYTES, channel.size()));
  }

  /** The hash of the first {@code length} bytes, or null when the file now has fewer than that. */
  static Fingerprint of(FileChannel channel, int length) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, bytes.position()) < 0) {
        return null;
      }
    }
    return new Fingerprint(length, hash(bytes.array()));
  }

  /** Whether the file open as {@code channel} starts with the bytes this fingerprint was taken of. */
  boolean matches(FileChannel channel) throws IOException {
    return equals(of(channel, length));
  }

  /** Whether a longer fingerprint can be taken now ({@code size} is the file's current size). */
  boolean canGrow(long size) {
    return length < BYTES && size > length;
  }

  /** The registry's form: {@code length:hash}. */
  String text() {
    return length + ":" + hash;
  }

  /** Reads {@link #text()}; null stays null. */
  static Fingerprint parse(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("fingerprint '" + text + "' is not length:hash");
    }
    return new Fingerprint(Integer.parseInt(text.substring(0, colon)), text.substring(colon + 1));
  }

  private static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("BUG: every JVM has SHA-256", e);
    }
  }
}
