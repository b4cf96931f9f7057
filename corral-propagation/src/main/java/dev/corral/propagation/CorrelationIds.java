package dev.corral.propagation;

import java.util.Optional;

/**
 * The ids of one piece of work in one service: the trace it belongs to, this service's span of it, the
 * caller's span (when there was a caller), the W3C trace flags, and the request id. Immutable; every id is
 * validated here, so a value of this type is always safe to put in a log and in a header.
 *
 * @param traceId 32 lowercase hex digits, not all zero: the same in every service the request crosses
 * @param spanId 16 lowercase hex digits, not all zero: this service's part of the trace
 * @param parentSpanId the caller's span (16 hex digits), or null when this service started the trace
 * @param traceFlags the W3C trace flags carried along unchanged, 0 to 255
 * @param requestId 1 to {@value #MAX_REQUEST_ID_LENGTH} visible ASCII characters (no space, no control character)
 */
public record CorrelationIds(String traceId, String spanId, String parentSpanId, int traceFlags, String requestId) {
  /**
   * The longest request id accepted: the limit of common routers (Heroku's is 200), so their ids pass,
   * while a client cannot make every log line of a request kilobytes longer.
   */
  public static final int MAX_REQUEST_ID_LENGTH = 200;

  public CorrelationIds {
    if (!TraceParent.isTraceId(traceId)) {
      throw new IllegalArgumentException("trace id '" + traceId + "' is not 32 lowercase hex digits, not all zero");
    }
    if (!TraceParent.isSpanId(spanId)) {
      throw new IllegalArgumentException("span id '" + spanId + "' is not 16 lowercase hex digits, not all zero");
    }
    if (parentSpanId != null && !TraceParent.isSpanId(parentSpanId)) {
      throw new IllegalArgumentException("parent span id '" + parentSpanId
          + "' is not 16 lowercase hex digits, not all zero");
    }
    if (traceFlags < 0 || traceFlags > 0xFF) {
      throw new IllegalArgumentException("trace flags " + traceFlags + " are outside 0..255");
    }
    if (!isRequestId(requestId)) {
      throw new IllegalArgumentException("request id is not 1 to " + MAX_REQUEST_ID_LENGTH
          + " visible ASCII characters: " + describe(requestId));
    }
  }

  /**
   * A new trace with a new span and a new request id, flagged sampled (the logs of this trace are recorded,
   * which is what the flag tells the next service).
   */
  public static CorrelationIds newTrace() {
    return newTrace(RandomIds.requestId());
  }

  /** A new trace with a new span, keeping {@code requestId}. */
  public static CorrelationIds newTrace(String requestId) {
    return new CorrelationIds(RandomIds.traceId(), RandomIds.spanId(), null, TraceParent.SAMPLED, requestId);
  }

  /** A new span of the caller's trace: the trace id and flags of {@code caller}, its span as the parent. */
  public static CorrelationIds continuing(TraceParent caller, String requestId) {
    return new CorrelationIds(caller.traceId(), RandomIds.spanId(), caller.parentId(), caller.flags(), requestId);
  }

  /** The caller's span, when this service did not start the trace. */
  public Optional<String> parentSpan() {
    return Optional.ofNullable(parentSpanId);
  }

  /** This service's span as a {@code traceparent}: what to answer the caller with. */
  public TraceParent traceParent() {
    return new TraceParent(traceId, spanId, traceFlags);
  }

  /**
   * The {@code traceparent} of an outgoing call made from this span: the same trace and flags and a new span
   * id, the call's own span, whose parent is this one. Each call gets a different one.
   */
  public TraceParent traceParentForCall() {
    return new TraceParent(traceId, RandomIds.spanId(), traceFlags);
  }

  /** True for 1 to {@value #MAX_REQUEST_ID_LENGTH} visible ASCII characters ({@code !} to {@code ~}). */
  public static boolean isRequestId(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_REQUEST_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '!' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** A short, printable description of an unacceptable value, for error messages. */
  static String describe(String value) {
    if (value == null) {
      return "null";
    }
    String head = value.length() > 40 ? value.substring(0, 40) : value;
    StringBuilder printable = new StringBuilder();
    head.chars().forEach(c -> printable.append(c >= ' ' && c <= '~' ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return "'" + printable + (value.length() > head.length() ? "…" : "") + "' (" + value.length() + " characters)";
  }
}
