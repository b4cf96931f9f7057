package dev.corral.server.inputs.loki;

import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.Refusal;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Decompresses a snappy block (the raw format Loki's protobuf push uses, not the framed stream
 * format), bounded: the declared uncompressed size is checked against the limit before anything is
 * allocated. Stateless and thread-safe.
 */
final class SnappyBlock {
  /** The first bytes of the framed snappy format: its stream identifier chunk. */
  private static final byte[] FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

  private SnappyBlock() {}

  /**
   * The decompressed bytes of {@code body[0, length)}.
   *
   * @param maxBytes largest decompressed size accepted ({@code http.max_body_bytes})
   * @throws IngestRejection {@link Refusal.TooLarge} when it would decompress past {@code maxBytes},
   *     {@link Refusal.Malformed} when it is not a valid snappy block
   */
  static byte[] decompress(byte[] body, int length, long maxBytes) throws IngestRejection {
    if (isFramed(body, length)) {
      throw new IngestRejection(new Refusal.Malformed(), "body is in the framed snappy format; a Loki protobuf push is one snappy "
          + "block (what snappy.Encode / Snappy.compress write); nothing from this request was stored");
    }
    int size;
    try {
      size = Snappy.uncompressedLength(body, 0, length);
    } catch (IOException e) {
      throw corrupt(e);
    }
    if (size < 0) {
      throw new IngestRejection(new Refusal.Malformed(), "snappy body declares a negative size; nothing from this request was stored");
    }
    if (size > maxBytes) {
      throw new IngestRejection(new Refusal.TooLarge(), "snappy body decompresses to " + size + " bytes, more than the limit of "
          + maxBytes + " bytes (http.max_body_bytes); split it into smaller batches");
    }
    byte[] out = new byte[size];
    try {
      int written = Snappy.uncompress(body, 0, length, out, 0);
      if (written != size) {
        throw new IngestRejection(new Refusal.Malformed(), "snappy body decompressed to " + written + " bytes but declared " + size
            + "; nothing from this request was stored");
      }
    } catch (IOException e) {
      throw corrupt(e);
    }
    return out;
  }

  private static boolean isFramed(byte[] body, int length) {
    if (length < FRAMED_MAGIC.length) {
      return false;
    }
    for (int i = 0; i < FRAMED_MAGIC.length; i++) {
      if (body[i] != FRAMED_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static IngestRejection corrupt(IOException e) {
    return new IngestRejection(new Refusal.Malformed(), "body is not a valid snappy block (" + e.getMessage() + "); Content-Type "
        + "application/x-protobuf expects a snappy-compressed logproto.PushRequest; nothing from this request was stored");
  }
}
