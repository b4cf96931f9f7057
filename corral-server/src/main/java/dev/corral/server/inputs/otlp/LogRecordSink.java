package dev.corral.server.inputs.otlp;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Receives the log records of one export request, one at a time, as a reader
 * ({@link ProtobufLogsReader}, {@link JsonLogsReader}) takes the request apart. A record that
 * could not even be read arrives as {@link #unreadable}, so it can be dead-lettered while its
 * neighbours are accepted. Records of one scope share the same {@code resource} and {@code scope}
 * instances. Called on the request's thread only.
 */
interface LogRecordSink {
  /**
   * @param place where the record is in the request, e.g. {@code resourceLogs[0].scopeLogs[1].logRecords[2]}
   * @param excerpt the record as readable text, for a dead letter should it be rejected later
   */
  void record(Resource resource, InstrumentationScope scope, LogRecord record, String place, Excerpt excerpt);

  /**
   * A record that is not a valid OTLP log record.
   *
   * @param excerpt the start of what was sent, as text (may be empty)
   * @param inputBytes its size in the request
   */
  void unreadable(String place, String reason, String excerpt, int inputBytes);

  /** The text of a record for a dead letter, made only when needed (records are rarely rejected). */
  @FunctionalInterface
  interface Excerpt {
    String text();
  }
}
