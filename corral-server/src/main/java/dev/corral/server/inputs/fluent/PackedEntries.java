package dev.corral.server.inputs.fluent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Decodes the entries of a PackedForward or CompressedPackedForward payload while it arrives.
 * Gzip is recognised by its magic bytes ({@code 1f 8b}; no msgpack entry can start so), because
 * the {@code compressed} option only comes after the payload; concatenated gzip members are read
 * one after the other. A payload that turns out corrupt (bad gzip, truncated or malformed
 * msgpack) costs only its undecoded rest: the entries before stay, the rest of the payload is read
 * and dropped so that the connection goes on with the next message, and the caller reports why.
 * One per connection; not thread-safe.
 */
final class PackedEntries {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  /** Buffer of the payload reader and the inflater: one read of the socket's typical size. */
  private static final int BUFFER = 8192;

  /** What happened to a payload: entries read, whether it was gzip, why decoding stopped early. */
  record Result(int entries, boolean gzip, String failure) {}

  /** Receives each entry as soon as it is decoded (may store, i.e. block). */
  @FunctionalInterface
  interface Consumer {
    void accept(Entry entry) throws IOException;
  }

  private final EntryReader entries;

  PackedEntries(EntryReader entries) {
    this.entries = entries;
  }

  /**
   * Reads the payload of {@code length} bytes whose str/bin header {@code outer} has just read.
   *
   * @throws PeerStreamException when the connection fails before the payload is complete
   */
  Result read(MessageUnpacker outer, long length, String tag, Consumer consumer) throws IOException {
    PayloadInputStream payload = new PayloadInputStream(outer, length);
    BufferedInputStream buffered = new BufferedInputStream(payload, BUFFER);
    boolean gzip = isGzip(buffered);
    int index = 0;
    String failure = null;
    InputStream stream = buffered;
    try {
      if (gzip) {
        stream = new GZIPInputStream(buffered, BUFFER);
      }
    } catch (PeerStreamException e) {
      throw e;
    } catch (IOException e) {
      failure = "compressed entries undecodable: " + e;
      stream = null;
    }
    if (stream != null) {
      try (InputStream closing = stream; MessageUnpacker in = MessagePack.newDefaultUnpacker(closing)) {
        while (true) {
          Entry entry;
          try {
            if (!in.hasNext()) {
              break;
            }
            entry = entries.readEntry(in, tag, index);
          } catch (PeerStreamException e) {
            throw e;
          } catch (IOException | MessagePackException e) {
            failure = "entries undecodable from entry " + index + " on (byte " + in.getTotalReadBytes() + " of the "
                + (gzip ? "decompressed " : "") + "payload): " + e;
            break;
          }
          index++;
          consumer.accept(entry); // outside the catch: a failure to store is no corrupt payload
        }
      }
    }
    payload.skipRemaining();
    return new Result(index, gzip, failure);
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
  }
}
