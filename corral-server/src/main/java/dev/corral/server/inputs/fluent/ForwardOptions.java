package dev.corral.server.inputs.fluent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.MessagePacker;
import org.msgpack.value.ValueType;

/**
 * The option map that may end a forward message. Unknown keys are ignored, as the specification
 * allows.
 *
 * @param chunk the {@code chunk} id as sent (to be echoed byte for byte in the ack), or null
 * @param chunkIsBinary whether the chunk id came as msgpack bin rather than str
 * @param size the {@code size} option (the number of entries the sender put in), or null
 * @param compressed the {@code compressed} option ({@code gzip}), or null
 * @param problem why the option value itself was unusable (it is then ignored), or null
 */
record ForwardOptions(byte[] chunk, boolean chunkIsBinary, Long size, String compressed, String problem) {
  static final ForwardOptions NONE = new ForwardOptions(null, false, null, null, null);
  /** The only compression the protocol defines. */
  static final String GZIP = "gzip";
  /** Longest option key or {@code compressed} value read; longer ones are skipped as unknown. */
  private static final int MAX_OPTION_TEXT_BYTES = 64;

  /**
   * Reads the option value at the unpacker; nil means none.
   *
   * @throws ForwardProtocolException when the chunk id is over its limit: it cannot be acked
   */
  static ForwardOptions read(MessageUnpacker in, ForwardLimits limits) throws IOException, ForwardProtocolException {
    MessageFormat format = in.getNextFormat();
    if (format == MessageFormat.NIL) {
      in.unpackNil();
      return NONE;
    }
    if (format.getValueType() != ValueType.MAP) {
      in.skipValue();
      return new ForwardOptions(null, false, null, null, "option is " + RecordReader.describe(format)
          + ", expected a map; it was ignored");
    }
    byte[] chunk = null;
    boolean binary = false;
    Long size = null;
    String compressed = null;
    int entries = in.unpackMapHeader();
    for (int i = 0; i < entries; i++) {
      String key = smallText(in);
      MessageFormat valueFormat = in.getNextFormat();
      switch (key == null ? "" : key) {
        case "chunk" -> {
          if (valueFormat == MessageFormat.NIL) {
            in.unpackNil();
            continue;
          }
          if (valueFormat.getValueType() != ValueType.STRING && valueFormat.getValueType() != ValueType.BINARY) {
            throw new ForwardProtocolException("option chunk is " + RecordReader.describe(valueFormat)
                + ", expected a string id to acknowledge");
          }
          binary = valueFormat.getValueType() == ValueType.BINARY;
          int length = binary ? in.unpackBinaryHeader() : in.unpackRawStringHeader();
          if (length < 0 || length > limits.maxChunkIdBytes()) {
            throw new ForwardProtocolException("option chunk is " + Integer.toUnsignedLong(length)
                + " bytes long, more than the limit of " + limits.maxChunkIdBytes() + " bytes");
          }
          chunk = in.readPayload(length);
        }
        case "size" -> {
          if (valueFormat.getValueType() == ValueType.INTEGER && valueFormat != MessageFormat.UINT64) {
            size = in.unpackLong();
          } else {
            in.skipValue();
          }
        }
        case "compressed" -> compressed = valueFormat.getValueType() == ValueType.STRING ? smallText(in) : skip(in);
        default -> in.skipValue();
      }
    }
    return new ForwardOptions(chunk, binary, size, compressed, null);
  }

  /** Writes {@code {"ack": <chunk>}} with the chunk id exactly as it came. */
  void writeAck(MessagePacker out) throws IOException {
    out.packMapHeader(1);
    out.packString("ack");
    if (chunkIsBinary) {
      out.packBinaryHeader(chunk.length);
    } else {
      out.packRawStringHeader(chunk.length);
    }
    out.writePayload(chunk);
  }

  /** The chunk id as text, for logs and dead letters. */
  String chunkText() {
    return chunk == null ? "(none)" : new String(chunk, StandardCharsets.UTF_8);
  }

  /** A short string or binary value as text; null (after skipping it) for any other value or a longer one. */
  private static String smallText(MessageUnpacker in) throws IOException {
    MessageFormat format = in.getNextFormat();
    if (format.getValueType() != ValueType.STRING && format.getValueType() != ValueType.BINARY) {
      return skip(in);
    }
    int length = format.getValueType() == ValueType.STRING ? in.unpackRawStringHeader() : in.unpackBinaryHeader();
    if (length >= 0 && length <= MAX_OPTION_TEXT_BYTES) {
      return new String(in.readPayload(length), StandardCharsets.UTF_8);
    }
    byte[] scratch = new byte[MAX_OPTION_TEXT_BYTES];
    for (long left = Integer.toUnsignedLong(length); left > 0; ) {
      int n = (int) Math.min(left, scratch.length);
      in.readPayload(scratch, 0, n);
      left -= n;
    }
    return null;
  }

  private static String skip(MessageUnpacker in) throws IOException {
    in.skipValue();
    return null;
  }
}
