/**
 * Trace and request ids for Java services: one request's logs in every service it crosses carry the
 * same {@code trace_id} and {@code request_id}, so Corral shows them together ({@code ./corral trace}).
 *
 * <ul>
 *   <li>{@link dev.corral.propagation.CorrelationIds}: the ids of the work in hand (an immutable value).
 *   <li>{@link dev.corral.propagation.TraceParent}: the W3C {@code traceparent} header value.
 *   <li>{@link dev.corral.propagation.CorrelationHeaders}: reading the ids of an incoming request from its
 *       headers ({@code traceparent}, {@code X-Trace-ID}, {@code X-Request-ID}) and writing them on an
 *       outgoing call.
 *   <li>{@link dev.corral.propagation.CorrelationContext}: the ids of the current thread, put into the
 *       logging context (SLF4J's MDC and/or Log4j's ThreadContext, whichever the application has) under
 *       the keys {@code trace_id}, {@code span_id}, {@code request_id} for the life of a
 *       {@link dev.corral.propagation.CorrelationScope}.
 *   <li>{@code servlet.CorrelationFilter} for incoming requests, {@code http.CorrelatingHttpClient} for
 *       outgoing ones.
 * </ul>
 *
 * <p>This module depends on no other Corral module and on no logging library: SLF4J and Log4j are optional
 * and detected once, when {@link dev.corral.propagation.CorrelationContext} is first used.
 */
package dev.corral.propagation;
