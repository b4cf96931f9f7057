package dev.corral.demo;

/** The JSON shape a service writes its logs in; each one is a reference shape of DESIGN.md. */
enum LogShape {
  /** {@code timestamp, level, service, trace_id, span_id, request_id, context{}, performance{}, exception{}}. */
  UNIFIED,
  /** The flat {@code version "v2"} schema: {@code loglevel, service_name, status_code, external_host, …}. */
  COMMON_FORMAT,
  /** PascalCase keys: {@code ServiceKey, ComponentKey, RequestKey, TimeStampUTC, Title, Additional{}, Level}. */
  KEY_STYLE,
  /** python-json-logger: {@code asctime, name, levelname, message, exc_info} plus extra fields. */
  PYTHON_JSON,
  /** logstash-logback-encoder: {@code @timestamp, @version, logger_name, thread_name, level_value}, MDC. */
  LOGSTASH,
  /** Elastic Common Schema, nested: {@code log.level, service.name, trace.id, error.*, ecs.version}. */
  ECS
}
