package dev.corral.server.inputs.beats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter whose single-byte {@link #read()} and {@link #skip} go through {@link #read(byte[], int, int)}, so
 * that a subclass which counts or bounds bytes by overriding that one method sees every byte, read or skipped.
 * Not thread-safe.
 */
abstract class BlockReadStream extends FilterInputStream {
  /** The most bytes one {@link #skip} call reads through, so that skipping allocates a small buffer only. */
  private static final int SKIP_CHUNK_BYTES = 8192;

  BlockReadStream(InputStream in) {
    super(in);
  }

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /** Skips by reading, so that skipped bytes count like read ones. */
  @Override
  public final long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), SKIP_CHUNK_BYTES)];
    int read = scratch.length == 0 ? 0 : read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }
}
