package dev.corral.server.inputs.fluent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Builds raw msgpack for forward messages, including the wrong ones no real sender writes. */
final class Msgpack {
  private Msgpack() {}

  /** An EventTime (extension type 0) value. */
  record EventTime(long seconds, long nanos) {}

  /** Bytes written as they are (to splice raw or broken msgpack into a value). */
  record Raw(byte[] bytes) {}

  /** A msgpack bin value (a plain byte[] is packed as bin too). */
  static byte[] pack(Object... values) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      for (Object value : values) {
        write(packer, value);
      }
      return packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(MessageBufferPacker packer, Object value) throws IOException {
    switch (value) {
      case null -> packer.packNil();
      case String text -> packer.packString(text);
      case Integer number -> packer.packLong(number);
      case Long number -> packer.packLong(number);
      case Double number -> packer.packDouble(number);
      case Boolean bool -> packer.packBoolean(bool);
      case byte[] bytes -> {
        packer.packBinaryHeader(bytes.length);
        packer.writePayload(bytes);
      }
      case Raw raw -> packer.writePayload(raw.bytes());
      case EventTime time -> {
        packer.packExtensionTypeHeader((byte) 0, 8);
        packer.writePayload(ByteBuffer.allocate(8).putInt((int) time.seconds()).putInt((int) time.nanos()).array());
      }
      case List<?> list -> {
        packer.packArrayHeader(list.size());
        for (Object element : list) {
          write(packer, element);
        }
      }
      case Map<?, ?> map -> {
        packer.packMapHeader(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          write(packer, entry.getKey());
          write(packer, entry.getValue());
        }
      }
      default -> throw new IllegalArgumentException("cannot pack " + value.getClass());
    }
  }
}
