package dev.corral.server.inputs.fluent;

import dev.corral.model.normalize.InvalidEventException;
import java.io.IOException;
import java.time.Instant;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads the time of a forward entry into epoch nanoseconds: an integer (seconds since the epoch),
 * an {@code EventTime} (extension type 0 of 8 bytes: unsigned 32-bit seconds and nanoseconds, big
 * endian), and, leniently, a float (seconds with a fraction, as old loggers send) or a msgpack
 * timestamp extension (type -1). Stateless.
 */
final class EventTimes {
  /** The extension type of Fluentd's EventTime. */
  static final byte EXT_TYPE = 0;
  /** Bytes of an EventTime payload: seconds and nanoseconds, 32 bits each. */
  static final int EXT_LENGTH = 8;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EventTimes() {}

  /**
   * The time at the unpacker in epoch nanoseconds; always consumes the value.
   *
   * @throws InvalidEventException for any other type or an instant outside the nanosecond range
   */
  static long read(MessageUnpacker in) throws IOException, InvalidEventException {
    MessageFormat format = in.getNextFormat();
    return switch (format.getValueType()) {
      case INTEGER -> {
        if (format == MessageFormat.UINT64) {
          in.skipValue();
          throw outOfRange("an unsigned 64-bit number of seconds");
        }
        yield fromSeconds(in.unpackLong(), 0);
      }
      case FLOAT -> {
        double seconds = in.unpackDouble();
        if (!Double.isFinite(seconds) || Math.abs(seconds) >= Long.MAX_VALUE / NANOS_PER_SECOND) {
          throw outOfRange(Double.toString(seconds) + " s");
        }
        yield Math.round(seconds * NANOS_PER_SECOND);
      }
      case EXTENSION -> extension(in);
      default -> {
        in.skipValue();
        throw new InvalidEventException("time is " + RecordReader.describe(format)
            + ", expected an integer (epoch seconds) or an EventTime (extension type 0)");
      }
    };
  }

  private static long extension(MessageUnpacker in) throws IOException, InvalidEventException {
    ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
    if (header.isTimestampType()) {
      Instant instant = in.unpackTimestamp(header);
      return fromSeconds(instant.getEpochSecond(), instant.getNano());
    }
    if (header.getType() != EXT_TYPE || header.getLength() != EXT_LENGTH) {
      long length = Integer.toUnsignedLong(header.getLength());
      skip(in, length);
      throw new InvalidEventException("time is an extension of type " + header.getType() + " and " + length
          + " bytes, expected an EventTime (extension type 0 of 8 bytes)");
    }
    byte[] payload = in.readPayload(EXT_LENGTH);
    return fromSeconds(seconds(payload), nanos(payload));
  }

  /** The seconds of an EventTime payload (unsigned 32-bit, big endian). */
  static long seconds(byte[] payload) {
    return unsigned(payload, 0);
  }

  /** The nanoseconds of an EventTime payload (unsigned 32-bit, big endian). */
  static long nanos(byte[] payload) {
    return unsigned(payload, 4);
  }

  private static long unsigned(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
  }

  private static long fromSeconds(long seconds, long nanos) throws InvalidEventException {
    try {
      return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
    } catch (ArithmeticException e) {
      throw outOfRange(seconds + " s");
    }
  }

  private static InvalidEventException outOfRange(String value) {
    return new InvalidEventException("time " + value + " is outside the range of epoch nanoseconds (1677 to 2262)");
  }

  private static void skip(MessageUnpacker in, long length) throws IOException {
    byte[] scratch = new byte[(int) Math.min(length, 8192)];
    for (long left = length; left > 0; ) {
      int n = (int) Math.min(left, scratch.length);
      in.readPayload(scratch, 0, n);
      left -= n;
    }
  }
}
