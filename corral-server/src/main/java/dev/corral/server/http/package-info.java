/**
 * The HTTP API: a route table ({@link dev.corral.server.http.HttpApi}, served by Jetty 12 core on virtual
 * threads) of plain handlers, guarded by {@link dev.corral.server.http.OriginPolicy}. Only
 * {@code HttpApi} touches the HTTP server library; handlers see {@link
 * dev.corral.server.http.Request} and return {@link dev.corral.server.http.Response}: a complete
 * body, or a {@link dev.corral.server.http.StreamingBody} for the live tail's Server-Sent Events.
 */
package dev.corral.server.http;
