package dev.corral.server.inputs.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Builds OTLP export requests for tests, including broken ones written on the wire by hand. */
final class OtlpRequests {
  private OtlpRequests() {}

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static LogRecord record(String body) {
    return LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
        .setBody(AnyValue.newBuilder().setStringValue(body)).build();
  }

  static ExportLogsServiceRequest request(String service, LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
        .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("test"))
            .addAllLogRecords(java.util.List.of(records)))).build();
  }

  /** A length-delimited field: tag, length, then the parts concatenated. */
  static byte[] field(int number, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      coded.writeUInt32NoTag(content.size());
      coded.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  /**
   * A request, written on the wire, whose scope holds the given serialized records, with the
   * service name set on its resource.
   */
  static byte[] rawRequest(String service, byte[]... records) {
    byte[][] scopeParts = new byte[records.length + 1][];
    scopeParts[0] = field(1, InstrumentationScope.newBuilder().setName("test").build().toByteArray());
    for (int i = 0; i < records.length; i++) {
      scopeParts[i + 1] = field(2, records[i]);
    }
    byte[] resource = field(1, Resource.newBuilder().addAttributes(attr("service.name", service)).build().toByteArray());
    return field(1, resource, field(2, scopeParts));
  }

  /** A log record whose string body is not valid UTF-8 (bytes C3 28). */
  static byte[] recordWithInvalidUtf8Body() {
    byte[] anyValue = field(1, new byte[] {(byte) 0xC3, 0x28});
    return field(5, anyValue);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static ByteString utf8(String text) {
    return ByteString.copyFromUtf8(text);
  }
}
