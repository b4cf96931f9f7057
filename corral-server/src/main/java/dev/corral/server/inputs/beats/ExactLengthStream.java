package dev.corral.server.inputs.beats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The next {@code length} bytes of a stream and no more: the payload of a compressed frame. Reads end at its end;
 * {@link #drain()} skips what the reader of the payload left. Not thread-safe.
 */
final class ExactLengthStream extends FilterInputStream {
  private long left;

  ExactLengthStream(InputStream in, long length) {
    super(in);
    this.left = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /** Skips by reading, so that skipped bytes count like read ones. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    int read = scratch.length == 0 ? 0 : read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (left == 0) {
      return -1;
    }
    int n = super.read(b, off, (int) Math.min(len, left));
    if (n < 0) {
      throw new java.io.EOFException("connection closed " + left + " bytes before the end of a compressed frame");
    }
    left -= n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(super.available(), left);
  }

  /** Payload bytes not read yet. */
  long remaining() {
    return left;
  }

  /** Skips the rest of the payload, so that the next frame starts where it should. */
  void drain() throws IOException {
    byte[] scratch = new byte[8192];
    while (read(scratch, 0, scratch.length) >= 0) {
      // skipping: the bytes are not frames
    }
  }

  @Override
  public void close() {
    // the connection stays open: only the payload ends
  }
}
