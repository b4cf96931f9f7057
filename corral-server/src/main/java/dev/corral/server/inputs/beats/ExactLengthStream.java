package dev.corral.server.inputs.beats;

import java.io.IOException;
import java.io.InputStream;

/**
 * The next {@code length} bytes of a stream and no more: the payload of a compressed frame. Reads end at its end;
 * {@link #drain()} skips what the reader of the payload left. Not thread-safe.
 */
final class ExactLengthStream extends BlockReadStream {
  private long left;

  ExactLengthStream(InputStream in, long length) {
    super(in);
    this.left = length;
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
