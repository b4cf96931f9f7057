/**
 * HTTP infrastructure only: a route table ({@link dev.corral.server.http.HttpApi}, served by Jetty 12
 * core on virtual threads) of plain handlers, guarded by {@link dev.corral.server.http.OriginPolicy}.
 * Only {@code HttpApi} touches the HTTP server library; handlers see {@link
 * dev.corral.server.http.Request} and return {@link dev.corral.server.http.Response}: a complete
 * body, or a {@link dev.corral.server.http.StreamingBody} for the live tail's Server-Sent Events.
 * The handlers of a service live beside that service (search, tail, dashboards, status, storage);
 * this package imports no other server package but {@code ingest} (its typed refusals, which only
 * this package maps to status codes).
 */
package dev.corral.server.http;
