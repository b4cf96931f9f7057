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
 *   pipeline     2 bytes  length of the pipeline name in UTF-8 bytes, 0 for none; then the name
 *   length       4 bytes  payload length in bytes
 *   crc32c       4 bytes  CRC32C of everything from created to the end of the payload, this field excluded
 *   payload      length   gzip of the events as NDJSON, one per line
 * </pre>
 *
 * A file shorter than its header says, or whose checksum does not match, was written only in part (the shipper
 * was killed while writing it) or damaged: {@link #decode} refuses it and the spool skips it. Golden file:
 * {@code src/test/resources/spool/v1-two-events.batch}.
 */
final class SpoolFrame {
  static final byte[] MAGIC = "CSP1".getBytes(StandardCharsets.US_ASCII);
  /** The fixed part of the header: everything but the pipeline name. */
  static final int FIXED_HEADER_BYTES = 4 + 8 + 4 + 2 + 4 + 4;
  /** A pipeline name is an identifier; the length field has 16 bits. */
  static final int MAX_PIPELINE_BYTES = 0xFFFF;

  private SpoolFrame() {
  }

  /** A decoded file: when it was spooled, its pipeline (or null) and its events. */
  record Decoded(long createdMillis, String pipeline, List<String> events) {
  }

  static byte[] encode(List<String> events, String pipeline, long createdMillis) {
    byte[] name = pipeline == null ? new byte[0] : pipeline.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_PIPELINE_BYTES) {
      throw new IllegalArgumentException("pipeline name of " + name.length + " bytes is over the spool's limit of "
          + MAX_PIPELINE_BYTES);
    }
    byte[] body = gzip(events);
    ByteBuffer frame = ByteBuffer.allocate(FIXED_HEADER_BYTES + name.length + body.length);
    frame.put(MAGIC).putLong(createdMillis).putInt(events.size()).putShort((short) name.length).put(name)
        .putInt(body.length);
    int crcAt = frame.position();
    frame.putInt(0).put(body);
    frame.putInt(crcAt, checksum(frame.array(), crcAt));
    return frame.array();
  }

  private static byte[] gzip(List<String> events) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(payload)) {
      for (String event : events) {
        gzip.write(event.getBytes(StandardCharsets.UTF_8));
        gzip.write('\n');
      }
    } catch (IOException e) {
      throw new IllegalStateException("BUG: writing to memory failed", e);
    }
    return payload.toByteArray();
  }

  /** CRC32C of the file from {@code created} on, the 4 bytes of the checksum at {@code crcAt} excluded. */
  private static int checksum(byte[] file, int crcAt) {
    CRC32C crc = new CRC32C();
    crc.update(file, MAGIC.length, crcAt - MAGIC.length);
    crc.update(file, crcAt + 4, file.length - crcAt - 4);
    return (int) crc.getValue();
  }

  /** The file's batch; throws {@link IOException} naming what is wrong when it is partial or damaged. */
  static Decoded decode(byte[] file) throws IOException {
    if (file.length < FIXED_HEADER_BYTES) {
      throw new IOException("shorter (" + file.length + " bytes) than the " + FIXED_HEADER_BYTES + "-byte header");
    }
    ByteBuffer frame = ByteBuffer.wrap(file);
    byte[] magic = new byte[MAGIC.length];
    frame.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("does not start with the spool magic CSP1");
    }
    long created = frame.getLong();
    int count = frame.getInt();
    int nameLength = Short.toUnsignedInt(frame.getShort());
    if (file.length < FIXED_HEADER_BYTES + nameLength) {
      throw new IOException("shorter (" + file.length + " bytes) than its header with a pipeline name of "
          + nameLength + " bytes");
    }
    String pipeline = nameLength == 0 ? null : new String(file, frame.position(), nameLength, StandardCharsets.UTF_8);
    frame.position(frame.position() + nameLength);
    int length = frame.getInt();
    int crcAt = frame.position();
    int expected = frame.getInt();
    if (length < 0 || length != file.length - frame.position()) {
      throw new IOException("payload is " + (file.length - frame.position()) + " bytes, the header says " + length);
    }
    if (checksum(file, crcAt) != expected) {
      throw new IOException("checksum does not match");
    }
    List<String> events = new ArrayList<>(count);
    try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(file, frame.position(), length))) {
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
    return new Decoded(created, pipeline, events);
  }
}
