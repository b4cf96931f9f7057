package dev.corral.propagation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The ids on the wire: which headers carry them, how an incoming request's headers become
 * {@link CorrelationIds}, and which headers an outgoing call or a response gets.
 *
 * <p>Reading an incoming request ({@link #read}), in order:
 * <ol>
 *   <li>A valid {@code traceparent} continues the caller's trace: same trace id and flags, a new span
 *       whose parent is the caller's span.
 *   <li>Otherwise a valid {@code X-Trace-ID} (32 hex digits or a UUID, any case, not all zero; kept as
 *       32 lowercase hex digits) continues that trace with a new span and no parent.
 *   <li>Otherwise a new trace starts. A malformed or all-zero value is treated as absent, as W3C says for
 *       {@code traceparent}; it is never an error.
 *   <li>{@code X-Request-ID} is kept when it is 1 to {@value CorrelationIds#MAX_REQUEST_ID_LENGTH} visible
 *       ASCII characters; anything else (too long, a space, a control character) is replaced by a new id.
 * </ol>
 *
 * <p>Header names are matched as the caller's lookup matches them (servlet containers and
 * {@code java.net.http} ignore case). Stateless and safe for concurrent use.
 */
public final class CorrelationHeaders {
  /** The W3C Trace Context header. */
  public static final String TRACEPARENT = "traceparent";
  /** The request id header most proxies and frameworks use. */
  public static final String REQUEST_ID = "X-Request-ID";
  /** The trace id header of services that predate W3C Trace Context (the 32 hex digits of the trace id). */
  public static final String TRACE_ID = "X-Trace-ID";

  private CorrelationHeaders() {}

  /**
   * The ids of an incoming request. {@code header} answers a header's value by name, or null when the
   * request has none (for a servlet request: {@code request::getHeader}).
   */
  public static CorrelationIds read(UnaryOperator<String> header) {
    String requestId = header.apply(REQUEST_ID);
    if (!CorrelationIds.isRequestId(requestId)) {
      requestId = RandomIds.requestId();
    }
    Optional<TraceParent> caller = TraceParent.parse(header.apply(TRACEPARENT));
    if (caller.isPresent()) {
      return CorrelationIds.continuing(caller.get(), requestId);
    }
    Optional<String> traceId = traceIdOf(header.apply(TRACE_ID));
    if (traceId.isPresent()) {
      return new CorrelationIds(traceId.get(), RandomIds.spanId(), null, TraceParent.SAMPLED, requestId);
    }
    return CorrelationIds.newTrace(requestId);
  }

  /**
   * The headers of an outgoing call made while {@code ids} are current: {@code traceparent} with a new span
   * id for the call (its parent is {@code ids}' span), {@code X-Trace-ID} and {@code X-Request-ID}. A new
   * span id on every call.
   */
  public static Map<String, String> forCall(CorrelationIds ids) {
    return headers(ids.traceParentForCall(), ids);
  }

  /**
   * The headers a response echoes: {@code traceparent} naming this service's own span, {@code X-Trace-ID}
   * and {@code X-Request-ID}, so a caller without ids of its own learns the ones its request got.
   */
  public static Map<String, String> forResponse(CorrelationIds ids) {
    return headers(ids.traceParent(), ids);
  }

  /**
   * Adds the current thread's ids to an outgoing call of any HTTP client, through {@code setHeader} (for
   * example OkHttp's {@code Request.Builder::header}, Spring's {@code HttpHeaders::set}); see
   * {@link #forCall}. Does nothing, and answers false, when the thread has no ids
   * ({@link CorrelationContext#current()} is empty): the called service then starts its own trace.
   */
  public static boolean injectCurrent(BiConsumer<String, String> setHeader) {
    Optional<CorrelationIds> current = CorrelationContext.current();
    current.ifPresent(ids -> forCall(ids).forEach(setHeader));
    return current.isPresent();
  }

  private static Map<String, String> headers(TraceParent traceParent, CorrelationIds ids) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TRACEPARENT, traceParent.format());
    headers.put(TRACE_ID, ids.traceId());
    headers.put(REQUEST_ID, ids.requestId());
    return Collections.unmodifiableMap(headers);
  }

  /** An {@code X-Trace-ID} value as a trace id: 32 hex digits or a UUID, either case, not all zero. */
  static Optional<String> traceIdOf(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.length() == 36 && value.charAt(8) == '-' && value.charAt(13) == '-' && value.charAt(18) == '-'
        && value.charAt(23) == '-') {
      value = value.replace("-", "");
    }
    value = value.toLowerCase(Locale.ROOT);
    return TraceParent.isTraceId(value) ? Optional.of(value) : Optional.empty();
  }
}
