package dev.corral.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk record: an 8-byte header, then the payload.
 *
 * <pre>
 *   int32 length     payload length in bytes, big-endian, 0..maxRecordBytes
 *   int32 checksum   CRC32C over (int64 position, int32 length, payload), big-endian
 *   byte[length]     payload
 * </pre>
 *
 * <p>The position is part of the checksum but not stored: a record is only valid at the place
 * it was written, so a zero-filled tail, stale bytes, or a segment file under the wrong name
 * all fail the check.
 */
final class RecordFormat {
  /** Length and checksum, four bytes each. */
  static final int HEADER_BYTES = 8;

  private RecordFormat() {}

  /** Header plus payload: the bytes a record of {@code payloadLength} takes in the log. */
  static long encodedBytes(int payloadLength) {
    return HEADER_BYTES + (long) payloadLength;
  }

  /** The checksum stored in the header of the record at {@code position}. */
  static int checksum(long position, byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES + Integer.BYTES);
    prefix.putLong(position).putInt(length).flip();
    crc.update(prefix);
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }

  /** Puts the header of a record at {@code position} into {@code target}. */
  static void putHeader(ByteBuffer target, long position, byte[] payload, int offset, int length) {
    target.putInt(length).putInt(checksum(position, payload, offset, length));
  }
}
