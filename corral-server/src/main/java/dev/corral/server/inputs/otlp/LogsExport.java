package dev.corral.server.inputs.otlp;

import dev.corral.model.LogEvent;
import dev.corral.model.normalize.InvalidEventException;
import dev.corral.server.ingest.DeadLetter;
import dev.corral.server.ingest.IngestRejection;
import dev.corral.server.ingest.DecodedBatch;
import dev.corral.server.ingest.Refusal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * One OTLP logs export, whichever transport brought it: read the request record by record, map
 * each record to a canonical event, keep every record that cannot be read or mapped as a
 * {@link DeadLetter} ({@code dead_letter.input:otlp}); the transport appends both to the sink in one
 * durable WAL append.
 * The answer is the OTLP {@code ExportLogsServiceResponse}: empty when every record was accepted,
 * with {@code partial_success} (count and the first reason) when some were rejected. Thread-safe.
 */
final class LogsExport {
  /** The {@code dead_letter.input} of rejected OTLP records. */
  static final String INPUT = "otlp";

  /** How an export request is encoded. */
  enum Encoding {
    PROTOBUF, JSON
  }

  private final LogRecordMapper mapper;

  LogsExport(LogRecordMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Decodes and maps the request in {@code bytes[0, length)}: its events, and a dead letter for
   * each record that cannot be read or mapped. An empty request decodes to nothing.
   *
   * @throws IngestRejection {@link Refusal.Malformed} when the request's envelope cannot be read
   */
  Batch decode(Encoding encoding, byte[] bytes, int length, long receivedAtNanos) throws IngestRejection {
    Batch batch = new Batch(receivedAtNanos);
    try {
      switch (encoding) {
        case PROTOBUF -> ProtobufLogsReader.read(bytes, length, batch);
        case JSON -> JsonLogsReader.read(bytes, length, batch);
      }
    } catch (MalformedLogsException e) {
      throw new IngestRejection(new Refusal.Malformed(), e.getMessage());
    }
    return batch;
  }

  /** Collects the events and dead letters of one request. */
  final class Batch implements LogRecordSink, DecodedBatch {
    private final long receivedAtNanos;
    private final List<LogEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private String firstReason;
    private Resource resource;
    private InstrumentationScope scope;
    private LogRecordMapper.Context context;
    private InvalidEventException contextError;

    Batch(long receivedAtNanos) {
      this.receivedAtNanos = receivedAtNanos;
    }

    @Override
    public void record(Resource resource, InstrumentationScope scope, LogRecord record, String place,
        Excerpt excerpt) {
      try {
        events.add(mapper.map(context(resource, scope), record, receivedAtNanos));
      } catch (InvalidEventException e) {
        reject(place + ": " + e.reason(), excerpt.text(), record.getSerializedSize());
      }
    }

    @Override
    public void unreadable(String place, String reason, String excerpt, int inputBytes) {
      reject(reason, excerpt, inputBytes);
    }

    /** The shared fields of a scope, mapped once for all its records. */
    private LogRecordMapper.Context context(Resource resource, InstrumentationScope scope)
        throws InvalidEventException {
      if (resource != this.resource || scope != this.scope) {
        this.resource = resource;
        this.scope = scope;
        try {
          context = mapper.context(resource, scope);
          contextError = null;
        } catch (InvalidEventException e) {
          context = null;
          contextError = e;
        }
      }
      if (contextError != null) {
        throw contextError;
      }
      return context;
    }

    private void reject(String reason, String excerpt, int inputBytes) {
      if (firstReason == null) {
        firstReason = reason;
      }
      deadLetters.add(new DeadLetter(INPUT, reason, dev.corral.server.text.Excerpt.of(excerpt),
          inputBytes));
    }

    @Override
    public List<LogEvent> events() {
      return events;
    }

    @Override
    public List<DeadLetter> deadLetters() {
      return deadLetters;
    }

    /** The OTLP answer once the batch is stored: empty, or {@code partial_success} with the first reason. */
    ExportLogsServiceResponse response() {
      if (deadLetters.isEmpty()) {
        return ExportLogsServiceResponse.getDefaultInstance();
      }
      int total = events.size() + deadLetters.size();
      return ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
          .setRejectedLogRecords(deadLetters.size())
          .setErrorMessage("rejected " + deadLetters.size() + " of " + total + " log records; they are kept as "
              + "dead letters (search logtype:dead_letter AND dead_letter.input:otlp); first: " + firstReason))
          .build();
    }
  }
}
