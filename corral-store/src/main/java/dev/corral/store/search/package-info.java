/**
 * What a query asks of the store and what it gets back: {@link
 * dev.corral.store.search.QueryRequest} (a plan, a time window, limits, a timeout), {@link
 * dev.corral.store.search.QueryResult} (events or a table), {@link
 * dev.corral.store.search.StoredEvent}, {@link dev.corral.store.search.QueryLimits} and the
 * typed refusal {@link dev.corral.store.search.QueryTimeoutException}. Plain values; no Lucene.
 *
 * <p>Direction: {@code dev.corral.store} (the {@code LogStore} facade) calls {@code
 * dev.corral.store.exec} (plan execution), and both use these values; this package imports
 * neither. They used to live in {@code dev.corral.store}, which made {@code store} and {@code
 * store.exec} import each other: the executor needs the request and result types, the facade
 * needs the executor. Callers outside the store (the server's search service) use this package
 * and {@code LogStore}, never {@code store.exec}.
 */
package dev.corral.store.search;
