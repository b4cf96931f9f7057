package dev.corral.ship.spool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The on-disk form of one spooled batch (one file). All integers big-endian:
 *
 * <pre>
 *   magic        4 bytes  "CSP1"
 *   created      8 bytes  epoch millis when the batch was spooled (for spool.max_age)
 *   events       4 bytes  number of events
 *   length       4 bytes  payload length in bytes
 *   crc32c       4 bytes  CRC32C of the payload
 *   payload      length   gzip of the events as NDJSON, one per line
 * </pre>
 *
 * A file shorter than its header says, or whose checksum does not match, was written only in part (the shipper
 * was killed while writing it) or damaged: {@link #decode} refuses it and the spool skips it. Golden file:
 * {@code src/test/resources/spool/v1-two-events.batch}.
 */
final class SpoolFrame {
  static final byte[] MAGIC = "CSP1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = 4 + 8 + 4 + 4 + 4;

  private SpoolFrame() {
  }

  /** A decoded file: when it was spooled and its events. */
  record Decoded(long createdMillis, List<String> events) {
  }

  static byte[] encode(List<String> events, long createdMillis) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(payload)) {
      for (String event : events) {
        gzip.write(event.getBytes(StandardCharsets.UTF_8));
        gzip.write('\n');
      }
    } catch (IOException e) {
      throw new IllegalStateException("BUG: writing to memory failed", e);
    }
    byte[] body = payload.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(body);
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + body.length);
    frame.put(MAGIC).putLong(createdMillis).putInt(events.size()).putInt(body.length).putInt((int) crc.getValue())
        .put(body);
    return frame.array();
  }

  /** The file's batch; throws {@link IOException} naming what is wrong when it is partial or damaged. */
  static Decoded decode(byte[] file) throws IOException {
    if (file.length < HEADER_BYTES) {
      throw new IOException("shorter (" + file.length + " bytes) than the " + HEADER_BYTES + "-byte header");
    }
    ByteBuffer frame = ByteBuffer.wrap(file);
    byte[] magic = new byte[4];
    frame.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("does not start with the spool magic CSP1");
    }
    long created = frame.getLong();
    int count = frame.getInt();
    int length = frame.getInt();
    int expected = frame.getInt();
    if (length < 0 || length != file.length - HEADER_BYTES) {
      throw new IOException("payload is " + (file.length - HEADER_BYTES) + " bytes, the header says " + length);
    }
    CRC32C crc = new CRC32C();
    crc.update(file, HEADER_BYTES, length);
    if ((int) crc.getValue() != expected) {
      throw new IOException("payload checksum does not match");
    }
    List<String> events = new ArrayList<>(count);
    try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(file, HEADER_BYTES, length))) {
      String text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
      int start = 0;
      for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        events.add(text.substring(start, end));
        start = end + 1;
      }
    }
    if (events.size() != count) {
      throw new IOException("holds " + events.size() + " events, the header says " + count);
    }
    return new Decoded(created, events);
  }
}
