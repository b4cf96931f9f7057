/**
 * The Corral server: {@link dev.corral.server.CorralServer} wires configuration, the write-ahead
 * log, the store, ingest and search services and the HTTP API by hand, in dependency order.
 */
package dev.corral.server;
