package dev.corral.server.inputs.gelf;

import dev.corral.model.normalize.InvalidEventException;

/**
 * One chunk of a chunked GELF UDP message, as the GELF spec lays it out: magic bytes {@code 1e 0f},
 * an 8-byte message id, the sequence number (0-based) and the sequence count (1 byte each), then
 * this chunk's part of the (usually gzip'd) message.
 *
 * @param messageId the id all chunks of one message share
 * @param sequence this chunk's position, 0 … count - 1
 * @param count how many chunks the message has, 1 … {@link #MAX_COUNT}
 * @param datagram the whole datagram; the payload starts at {@link #HEADER_BYTES}
 */
record GelfChunk(long messageId, int sequence, int count, byte[] datagram) {
  /** Magic, message id, sequence number, sequence count. */
  static final int HEADER_BYTES = 12;
  /** The GELF spec's limit: "a message MUST NOT consist of more than 128 chunks". */
  static final int MAX_COUNT = 128;
  private static final int MAGIC_0 = 0x1e;
  private static final int MAGIC_1 = 0x0f;
  private static final int ID_OFFSET = 2;
  private static final int SEQUENCE_OFFSET = 10;
  private static final int COUNT_OFFSET = 11;

  GelfChunk {
    if (count < 1 || count > MAX_COUNT || sequence < 0 || sequence >= count || datagram.length < HEADER_BYTES) {
      throw new IllegalArgumentException("BUG: chunk " + sequence + "/" + count + " of " + datagram.length + " bytes");
    }
  }

  /** Whether {@code datagram} starts with the chunk magic bytes. */
  static boolean isChunk(byte[] datagram) {
    return datagram.length >= 2 && (datagram[0] & 0xFF) == MAGIC_0 && (datagram[1] & 0xFF) == MAGIC_1;
  }

  /**
   * Reads the header of a datagram that {@link #isChunk is a chunk}.
   *
   * @throws InvalidEventException for a header cut short, a count of 0 or over {@link #MAX_COUNT},
   *     or a sequence number not below the count
   */
  static GelfChunk parse(byte[] datagram) throws InvalidEventException {
    if (datagram.length < HEADER_BYTES) {
      throw new InvalidEventException("GELF chunk is " + datagram.length + " bytes, shorter than the "
          + HEADER_BYTES + "-byte chunk header");
    }
    long id = 0;
    for (int i = ID_OFFSET; i < SEQUENCE_OFFSET; i++) {
      id = (id << 8) | (datagram[i] & 0xFF);
    }
    int sequence = datagram[SEQUENCE_OFFSET] & 0xFF;
    int count = datagram[COUNT_OFFSET] & 0xFF;
    if (count == 0 || count > MAX_COUNT) {
      throw new InvalidEventException("GELF chunk of message " + hex(id) + " says the message has " + count
          + " chunks; the GELF limit is 1 to " + MAX_COUNT);
    }
    if (sequence >= count) {
      throw new InvalidEventException("GELF chunk of message " + hex(id) + " has sequence number " + sequence
          + ", not below its sequence count " + count);
    }
    return new GelfChunk(id, sequence, count, datagram);
  }

  int payloadLength() {
    return datagram.length - HEADER_BYTES;
  }

  /** A message id as GELF tools print it: 16 hex digits. */
  static String hex(long messageId) {
    return String.format("%016x", messageId);
  }
}
