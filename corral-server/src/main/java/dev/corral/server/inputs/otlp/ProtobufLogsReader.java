package dev.corral.server.inputs.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a binary protobuf {@code ExportLogsServiceRequest} record by record. The envelope
 * ({@code resource_logs → scope_logs → log_records}) is walked on the wire, and each
 * {@code LogRecord}, {@code Resource} and {@code InstrumentationScope} is parsed on its own, so one
 * record that is not valid (invalid UTF-8 in a string, a truncated field) is reported to the sink
 * as unreadable while its neighbours are read normally. Unknown fields are skipped at every level,
 * as protobuf requires. Stateless and thread-safe.
 */
final class ProtobufLogsReader {
  private static final int RESOURCE_LOGS = 1;
  private static final int RESOURCE = 1;
  private static final int SCOPE_LOGS = 2;
  private static final int SCOPE = 1;
  private static final int LOG_RECORDS = 2;
  /** Bytes of an unparseable record shown as hex when even its wire structure is broken. */
  private static final int MAX_HEX_EXCERPT = 256;
  private static final TextFormat.Printer TEXT = TextFormat.printer().escapingNonAscii(false);

  private ProtobufLogsReader() {}

  /**
   * Hands every log record in {@code bytes[0, length)} to {@code sink}.
   *
   * @throws MalformedLogsException when the envelope is not valid protobuf
   */
  static void read(byte[] bytes, int length, LogRecordSink sink) throws MalformedLogsException {
    int index = 0;
    for (Slice resourceLogs : scan(bytes, new Slice(0, length), RESOURCE_LOGS, "request")) {
      readResourceLogs(bytes, resourceLogs, "resourceLogs[" + index++ + "]", sink);
    }
  }

  private static void readResourceLogs(byte[] bytes, Slice slice, String place, LogRecordSink sink)
      throws MalformedLogsException {
    Resource.Builder resource = Resource.newBuilder();
    String resourceError = null;
    for (Slice part : scan(bytes, slice, RESOURCE, place)) {
      try {
        resource.mergeFrom(bytes, part.offset, part.length);
      } catch (InvalidProtocolBufferException e) {
        resourceError = place + ".resource is not a valid OTLP Resource: " + e.getMessage();
      }
    }
    Resource built = resource.build();
    int index = 0;
    for (Slice scopeLogs : scan(bytes, slice, SCOPE_LOGS, place)) {
      readScopeLogs(bytes, scopeLogs, built, resourceError, place + ".scopeLogs[" + index++ + "]", sink);
    }
  }

  private static void readScopeLogs(byte[] bytes, Slice slice, Resource resource, String error, String place,
      LogRecordSink sink) throws MalformedLogsException {
    InstrumentationScope.Builder scope = InstrumentationScope.newBuilder();
    for (Slice part : scan(bytes, slice, SCOPE, place)) {
      try {
        scope.mergeFrom(bytes, part.offset, part.length);
      } catch (InvalidProtocolBufferException e) {
        error = error != null ? error : place + ".scope is not a valid OTLP InstrumentationScope: " + e.getMessage();
      }
    }
    InstrumentationScope built = scope.build();
    int index = 0;
    for (Slice recordSlice : scan(bytes, slice, LOG_RECORDS, place)) {
      String recordPlace = place + ".logRecords[" + index++ + "]";
      if (error != null) {
        sink.unreadable(recordPlace, error, excerpt(bytes, recordSlice), recordSlice.length);
        continue;
      }
      try {
        LogRecord record = LogRecord.parser().parseFrom(bytes, recordSlice.offset, recordSlice.length);
        sink.record(resource, built, record, recordPlace, () -> TEXT.shortDebugString(record));
      } catch (InvalidProtocolBufferException e) {
        sink.unreadable(recordPlace, recordPlace + " is not a valid OTLP LogRecord: " + e.getMessage(),
            excerpt(bytes, recordSlice), recordSlice.length);
      }
    }
  }

  /** The record's fields as protobuf text without its schema, or its first bytes in hex. */
  private static String excerpt(byte[] bytes, Slice slice) {
    try {
      return TEXT.shortDebugString(UnknownFieldSet.parseFrom(
          com.google.protobuf.ByteString.copyFrom(bytes, slice.offset, slice.length)));
    } catch (InvalidProtocolBufferException e) {
      return "hex:" + HexFormat.of().formatHex(bytes, slice.offset, slice.offset + Math.min(slice.length, MAX_HEX_EXCERPT));
    }
  }

  /** A message or field value at {@code bytes[offset, offset + length)}. */
  private record Slice(int offset, int length) {}

  /** The length-delimited occurrences of field {@code number} in the message at {@code message}. */
  private static List<Slice> scan(byte[] bytes, Slice message, int number, String place)
      throws MalformedLogsException {
    List<Slice> found = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(bytes, message.offset, message.length);
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == number
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int size = in.readRawVarint32();
          int start = message.offset + in.getTotalBytesRead();
          in.skipRawBytes(size);
          found.add(new Slice(start, size));
        } else {
          in.skipField(tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedLogsException(place + " is not valid protobuf (" + e.getMessage()
          + "); expected an OTLP ExportLogsServiceRequest", e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("BUG: reading a byte array failed", e);
    }
    return found;
  }
}
