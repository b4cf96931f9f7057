package dev.corral.demo;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated log event before it is written in its service's shape. Optional parts are
 * {@code null}.
 *
 * @param timestamp when it happened (simulated time)
 * @param pod who logged it
 * @param severity level
 * @param logtype {@code access}, {@code external}, {@code background} or {@code custom}
 * @param message human text
 * @param traceId 32 hex digits
 * @param spanId 16 hex digits
 * @param requestId UUID of the user request, {@code null} for background jobs
 * @param userId user, {@code null} when anonymous
 * @param handler function that logged it
 * @param http access-log part
 * @param external external-call part
 * @param failure exception
 * @param durationMs time the logged operation took
 * @param memoryMb resident memory of the pod
 * @param context business fields ({@code order_id}, {@code payment_amount}, …), insertion-ordered
 */
record SimEvent(Instant timestamp, Pod pod, Severity severity, String logtype, String message, String traceId,
    String spanId, String requestId, String userId, String handler, HttpCall http, ExternalCall external,
    Failure failure, Double durationMs, int memoryMb, Map<String, Object> context) {

  SimEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
  }

  ShopService service() {
    return pod.service();
  }
}
