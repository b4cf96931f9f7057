/**
 * TLS for every TCP listener of the server (the HTTP API, OTLP/gRPC, syslog, GELF TCP, Fluent forward,
 * Beats): key material read from PEM or PKCS#12 files ({@link dev.corral.server.tls.KeyMaterial}), one
 * {@link dev.corral.server.tls.ReloadingTls} per set of files that swaps in a replaced certificate for
 * the next handshake, and the protocol and cipher policy ({@link dev.corral.server.tls.TlsPolicy}) every
 * listener applies. Infrastructure: depends on no other package of the server, so that both {@code http}
 * and the inputs may use it.
 */
package dev.corral.server.tls;
