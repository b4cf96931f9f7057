package dev.corral.server.inputs.beats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Lumberjack v2 frames built byte by byte, as go-lumber's client (Filebeat, Winlogbeat) writes them; every number is
 * an unsigned 32-bit big-endian integer:
 *
 * <pre>
 *   window      0x32 '2' | 0x57 'W' | count                       e.g. 32 57 00 00 00 02: two events follow
 *   json        0x32 '2' | 0x4a 'J' | seq | length | JSON bytes   seq counts from 1 in each window
 *   key/value   0x32 '2' | 0x44 'D' | seq | pairs | (keyLength | key | valueLength | value) * pairs
 *   compressed  0x32 '2' | 0x43 'C' | length | zlib(frames)       (RFC 1950 zlib, as Go's compress/zlib writes)
 *   ack         0x32 '2' | 0x41 'A' | seq                          from the server: events up to seq are durable
 * </pre>
 * Filebeat writes a window frame, then either the JSON frames or one compressed frame holding them all, then waits for
 * the ack of the window's count. Stateless.
 */
final class LumberjackFrames {
  static final byte VERSION = '2';

  private LumberjackFrames() {}

  /** {@code '2' 'W' count}. */
  static byte[] window(long count) {
    return new Bytes().put(VERSION).put('W').uint32(count).done();
  }

  /** {@code '2' 'J' seq length json}. */
  static byte[] json(long seq, String json) {
    return json(seq, json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code '2' 'J' seq length payload}, with any payload bytes (invalid UTF-8, broken JSON). */
  static byte[] json(long seq, byte[] payload) {
    return new Bytes().put(VERSION).put('J').uint32(seq).uint32(payload.length).put(payload).done();
  }

  /** {@code '2' 'J' seq length} with a length that need not match what follows. */
  static byte[] jsonHeader(long seq, long length) {
    return new Bytes().put(VERSION).put('J').uint32(seq).uint32(length).done();
  }

  /** {@code '2' 'D' seq pairs (keyLength key valueLength value)*}; {@code keysAndValues} alternate. */
  static byte[] keyValues(long seq, String... keysAndValues) {
    Bytes bytes = new Bytes().put(VERSION).put('D').uint32(seq).uint32(keysAndValues.length / 2);
    for (String text : keysAndValues) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      bytes.uint32(utf8.length).put(utf8);
    }
    return bytes.done();
  }

  /** {@code '2' 'C' length zlib(frames)}. */
  static byte[] compressed(byte[]... frames) {
    return compressedPayload(zlib(concat(frames)));
  }

  /** {@code '2' 'C' length payload} with the given (compressed or not) payload. */
  static byte[] compressedPayload(byte[] payload) {
    return new Bytes().put(VERSION).put('C').uint32(payload.length).put(payload).done();
  }

  static byte[] zlib(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream zlib = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED))) {
      zlib.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    Bytes bytes = new Bytes();
    for (byte[] part : parts) {
      bytes.put(part);
    }
    return bytes.done();
  }

  /** A Filebeat event as it sends one: ECS fields nested, the Beat's own metadata under {@code @metadata}. */
  static String filebeatEvent(String message, String service) {
    return """
        {"@timestamp":"2026-12-05T10:00:00.123Z","@metadata":{"beat":"filebeat","type":"_doc","version":"8.15.0"},\
        "message":"%s","log":{"offset":42,"file":{"path":"/var/log/app/app.log"}},"input":{"type":"filestream"},\
        "fields":{"service":"%s","env":"prod"},"host":{"name":"web-1"},\
        "agent":{"type":"filebeat","name":"web-1","version":"8.15.0"},"ecs":{"version":"8.0.0"}}"""
        .formatted(message, service);
  }

  /** Grows a byte array. */
  private static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes put(int b) {
      out.write(b);
      return this;
    }

    Bytes put(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    Bytes uint32(long value) {
      return put((int) (value >>> 24) & 0xff).put((int) (value >>> 16) & 0xff).put((int) (value >>> 8) & 0xff)
          .put((int) value & 0xff);
    }

    byte[] done() {
      return out.toByteArray();
    }
  }
}
