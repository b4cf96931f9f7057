package dev.corral.propagation.servlet;

import dev.corral.propagation.CorrelationContext;
import dev.corral.propagation.CorrelationHeaders;
import dev.corral.propagation.CorrelationIds;
import dev.corral.propagation.CorrelationScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every HTTP request its {@link CorrelationIds} for as long as the container runs it.
 *
 * <ol>
 *   <li>Reads the ids from the request's {@code traceparent}, {@code X-Trace-ID} and {@code X-Request-ID}
 *       headers, or creates them ({@link CorrelationHeaders#read}: malformed values are replaced, never
 *       refused).
 *   <li>Stores them as request attributes: the {@link CorrelationIds} under {@link #IDS_ATTRIBUTE}, and the
 *       strings under {@code trace_id}, {@code span_id}, {@code request_id} (for JSPs and templates).
 *   <li>Sets the response headers {@code traceparent} (this service's span), {@code X-Trace-ID} and
 *       {@code X-Request-ID} before the application writes anything.
 *   <li>Makes the ids current ({@link CorrelationContext#open}: MDC / ThreadContext keys {@code trace_id},
 *       {@code span_id}, {@code request_id}) while the rest of the chain runs, and puts back what the thread
 *       had before (normally nothing) when it returns or throws, so a pooled thread carries nothing over to
 *       its next request.
 * </ol>
 *
 * <p>Dispatches: a later dispatch of the same request (ASYNC after {@code AsyncContext.dispatch()}, FORWARD,
 * INCLUDE, ERROR) finds the ids in the request attribute and runs under the same ids, when the filter is
 * mapped to those dispatcher types. Work the application hands to other threads itself
 * ({@code AsyncContext.start}, an executor, a {@code CompletableFuture}) has the ids only when wrapped with
 * {@link CorrelationContext#wrap}; the filter does not follow threads it does not run on. Register it
 * {@code asyncSupported} and first in the chain, so other filters log with the ids too.
 *
 * <p>Stateless; one instance serves all requests concurrently.
 */
public final class CorrelationFilter implements Filter {
  /** The request attribute holding the request's {@link CorrelationIds}. */
  public static final String IDS_ATTRIBUTE = CorrelationIds.class.getName();

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
      chain.doFilter(request, response);
      return;
    }
    CorrelationIds ids = idsOf((HttpServletRequest) request);
    HttpServletResponse httpResponse = (HttpServletResponse) response;
    if (!httpResponse.isCommitted()) {
      CorrelationHeaders.forResponse(ids).forEach(httpResponse::setHeader);
    }
    try (CorrelationScope scope = CorrelationContext.open(ids)) {
      chain.doFilter(request, response);
    }
  }

  /** The ids a previous dispatch of this request got, or new ones from its headers. */
  private static CorrelationIds idsOf(HttpServletRequest request) {
    if (request.getAttribute(IDS_ATTRIBUTE) instanceof CorrelationIds ids) {
      return ids;
    }
    CorrelationIds ids = CorrelationHeaders.read(request::getHeader);
    request.setAttribute(IDS_ATTRIBUTE, ids);
    request.setAttribute(CorrelationContext.TRACE_ID, ids.traceId());
    request.setAttribute(CorrelationContext.SPAN_ID, ids.spanId());
    request.setAttribute(CorrelationContext.REQUEST_ID, ids.requestId());
    return ids;
  }
}
