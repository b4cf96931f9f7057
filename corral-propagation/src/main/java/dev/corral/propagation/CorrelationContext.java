package dev.corral.propagation;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The ids of the work the current thread does, and their place in the logging context.
 *
 * <p>{@link #open} makes {@link CorrelationIds} current on the calling thread and puts them into every
 * logging context the application has (SLF4J's MDC and/or Log4j's ThreadContext, detected once when this
 * class loads) under {@value #TRACE_ID}, {@value #SPAN_ID} and {@value #REQUEST_ID}, the keys Corral's
 * appenders and layouts read. Closing the returned {@link CorrelationScope} puts back what was there before,
 * so scopes nest and a pooled thread leaves a request with the context it had before it:
 *
 * <pre>{@code
 * try (CorrelationScope scope = CorrelationContext.open(CorrelationIds.newTrace())) {
 *   log.info("job started");      // carries trace_id, span_id, request_id
 * }                               // the previous values (usually none) are back
 * }</pre>
 *
 * <p>Everything here is per thread: work handed to another thread takes the ids along with {@link #wrap}.
 * Safe for concurrent use.
 */
public final class CorrelationContext {
  /** The logging-context key of the trace id. */
  public static final String TRACE_ID = "trace_id";
  /** The logging-context key of this service's span id. */
  public static final String SPAN_ID = "span_id";
  /** The logging-context key of the request id. */
  public static final String REQUEST_ID = "request_id";

  static final List<String> KEYS = List.of(TRACE_ID, SPAN_ID, REQUEST_ID);
  private static final List<LogContextBackend> BACKENDS =
      LogContextBackends.detect(CorrelationContext.class.getClassLoader());
  private static final ThreadLocal<CorrelationIds> CURRENT = new ThreadLocal<>();

  private CorrelationContext() {}

  /**
   * Makes {@code ids} current on this thread and puts them into the logging contexts until the scope is
   * closed, on this same thread.
   */
  public static CorrelationScope open(CorrelationIds ids) {
    if (ids == null) {
      throw new IllegalArgumentException("ids must not be null: use CorrelationIds.newTrace() to start a trace");
    }
    CorrelationScope scope = new CorrelationScope(CURRENT.get(), BACKENDS);
    CURRENT.set(ids);
    String[] values = {ids.traceId(), ids.spanId(), ids.requestId()};
    for (LogContextBackend backend : BACKENDS) {
      for (int k = 0; k < KEYS.size(); k++) {
        backend.put(KEYS.get(k), values[k]);
      }
    }
    return scope;
  }

  /**
   * The ids current on this thread: those of the innermost open scope; otherwise, when code outside this
   * library put a valid {@value #TRACE_ID}, {@value #SPAN_ID} and {@value #REQUEST_ID} into the logging
   * context (for example an executor that copies the MDC to its tasks), those; otherwise empty.
   */
  public static Optional<CorrelationIds> current() {
    CorrelationIds ids = CURRENT.get();
    if (ids != null) {
      return Optional.of(ids);
    }
    for (LogContextBackend backend : BACKENDS) {
      String traceId = backend.get(TRACE_ID);
      String spanId = backend.get(SPAN_ID);
      String requestId = backend.get(REQUEST_ID);
      if (TraceParent.isTraceId(traceId) && TraceParent.isSpanId(spanId) && CorrelationIds.isRequestId(requestId)) {
        return Optional.of(new CorrelationIds(traceId, spanId, null, TraceParent.SAMPLED, requestId));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code task} run under the ids current now (when there are any), for handing work to another thread:
   * {@code executor.execute(CorrelationContext.wrap(task))}, {@code asyncContext.start(wrap(task))}.
   */
  public static Runnable wrap(Runnable task) {
    Optional<CorrelationIds> captured = current();
    if (captured.isEmpty()) {
      return task;
    }
    CorrelationIds ids = captured.get();
    return () -> {
      try (CorrelationScope scope = open(ids)) {
        task.run();
      }
    };
  }

  /** Like {@link #wrap(Runnable)} for a task with a result. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    Optional<CorrelationIds> captured = current();
    if (captured.isEmpty()) {
      return task;
    }
    CorrelationIds ids = captured.get();
    return () -> {
      try (CorrelationScope scope = open(ids)) {
        return task.call();
      }
    };
  }

  /** The logging libraries the ids go to ({@code "slf4j"}, {@code "log4j"}), in detection order. */
  public static List<String> backends() {
    return BACKENDS.stream().map(LogContextBackend::name).toList();
  }

  static void restore(CorrelationIds previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
