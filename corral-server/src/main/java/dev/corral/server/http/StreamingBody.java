package dev.corral.server.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written while the connection stays open (Server-Sent Events, for one), instead
 * of a complete byte array. The server sends the status and headers, then calls {@link #writeTo}
 * on the request's thread; whatever the handler writes and {@linkplain OutputStream#flush()
 * flushes} reaches the client at once (chunked transfer encoding). The response ends when
 * {@link #writeTo} returns or throws.
 *
 * <p>{@link #close()} is always called exactly once, after {@link #writeTo} or instead of it
 * (a HEAD request, a client gone before the headers went out), so resources a handler reserved
 * for the stream are freed in every case.
 */
public interface StreamingBody extends AutoCloseable {
  /**
   * Writes the body. An {@link IOException} from {@code out} means the client went away: stop and
   * return or rethrow it.
   */
  void writeTo(OutputStream out) throws IOException;

  /** Frees what the stream held; must not throw. */
  @Override
  void close();
}
