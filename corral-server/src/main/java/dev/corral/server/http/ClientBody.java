package dev.corral.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A request's body as its handler reads it, and what becomes of the part the handler leaves unread.
 *
 * <p>On a kept-alive HTTP/1.1 connection the next request follows this one's body, so a body left
 * unread (a request refused before its handler runs, a 413 at a size limit) stands between the
 * answer and the next request. Left alone, Jetty reads only what has already arrived and closes the
 * connection when more is due — after an answer that went out without {@code Connection: close},
 * so the client sends its next request on a connection the server has closed. Hence, before the
 * answer goes out, {@link #keepsConnection()} decides: a rest of announced length up to {@link
 * #MAX_SKIPPED_BYTES} is read and dropped once the answer is sent ({@link #skipRest()}), and the
 * connection carries the next request; any other rest (larger, chunked, or not yet asked for from a
 * client waiting for {@code 100 Continue}) gets an answer saying {@code Connection: close}.
 *
 * <p>A read failure is the client's ({@link GoneException}: it went away or broke the framing), told
 * apart from the server's own I/O errors. Closing it does not end the body: the server still reads
 * what is left. Used by the request's thread only.
 */
final class ClientBody extends FilterInputStream {
  /**
   * The unread rest of a body that is read and dropped to keep the connection: a refused upload
   * of a few hundred KiB costs less to read than a new connection (and its TLS handshake); past
   * this, closing is cheaper.
   */
  static final long MAX_SKIPPED_BYTES = 1024 * 1024;
  private static final int SKIP_BUFFER_BYTES = 16 * 1024;

  private final long announcedLength;
  private final boolean chunked;
  private final boolean expectsContinue;
  private long consumed;
  private boolean asked;
  private boolean ended;

  /**
   * @param announcedLength the Content-Length, or -1 when the request has none
   * @param chunked whether the body comes with chunked transfer encoding (its length unknown)
   * @param expectsContinue whether the client waits for {@code 100 Continue} before it sends the body
   */
  ClientBody(InputStream in, long announcedLength, boolean chunked, boolean expectsContinue) {
    super(in);
    this.announcedLength = announcedLength;
    this.chunked = chunked;
    this.expectsContinue = expectsContinue;
  }

  /**
   * Whether the connection carries another request after this answer; when false the answer must
   * say {@code Connection: close}. Decided before the answer goes out, from what the handler read.
   */
  boolean keepsConnection() {
    if (ended || announcedLength < 0 && !chunked) {
      return true; // read to its end, or no body at all (neither a length nor chunks)
    }
    if (announcedLength < 0) {
      return false; // chunks of unknown length
    }
    long rest = announcedLength - consumed;
    if (rest <= 0) {
      return true;
    }
    if (expectsContinue && !asked) {
      return false; // the client sends nothing before it is asked: do not ask for a body nobody reads
    }
    return rest <= MAX_SKIPPED_BYTES;
  }

  /**
   * Reads and drops the rest of a body whose connection {@link #keepsConnection()} kept, so the
   * next request on the connection is read from its first byte; call once the answer went out.
   *
   * @throws GoneException when the client stops before the length it announced
   */
  void skipRest() throws IOException {
    if (ended || announcedLength - consumed <= 0) {
      return; // nothing left (or no body at all)
    }
    byte[] buffer = new byte[SKIP_BUFFER_BYTES];
    while (read(buffer, 0, buffer.length) >= 0) {
      // dropped
    }
  }

  @Override
  public int read() throws IOException {
    asked = true;
    try {
      int read = super.read();
      counted(read < 0 ? -1 : 1);
      return read;
    } catch (IOException e) {
      throw new GoneException(e);
    }
  }

  /** Returns 0 at once for no bytes, as InputStream promises (Jetty's stream would wait for the next bytes). */
  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0; // readNBytes(limit + 1) asks for 0 once it has them all: a body cut at a limit must not wait for more
    }
    asked = true;
    try {
      return counted(super.read(buffer, offset, length));
    } catch (IOException e) {
      throw new GoneException(e);
    }
  }

  /** Skips by reading, so what was skipped counts as read. */
  @Override
  public long skip(long count) throws IOException {
    byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER_BYTES, Math.max(0, count))];
    long skipped = 0;
    while (skipped < count) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  /** Does not end the body: what the handler leaves is the server's to read or refuse. */
  @Override
  public void close() {}

  private int counted(int read) {
    if (read < 0) {
      ended = true;
    } else {
      consumed += read;
    }
    return read;
  }

  /** An I/O failure while reading the request body: the client went away or broke the framing. */
  static final class GoneException extends IOException {
    private static final long serialVersionUID = 1L;

    GoneException(IOException cause) {
      super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
    }
  }
}
