/**
 * OTLP logs input: {@code POST /v1/logs} over HTTP (binary protobuf and OTLP/JSON, gzip) and the
 * OTLP/gRPC {@code LogsService/Export} on its own port. Both transports read the request record
 * by record ({@link dev.corral.server.inputs.otlp.ProtobufLogsReader},
 * {@link dev.corral.server.inputs.otlp.JsonLogsReader}), map each record to a canonical event
 * ({@link dev.corral.server.inputs.otlp.LogRecordMapper}), dead-letter what cannot be read or
 * mapped, and store the request in one WAL append ({@link dev.corral.server.inputs.otlp.LogsExport}).
 * User documentation: docs/inputs/otlp.md.
 */
package dev.corral.server.inputs.otlp;
