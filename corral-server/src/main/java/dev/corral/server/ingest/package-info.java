/**
 * The native ingest path: bounded body reading, admission control (readiness, disk space,
 * indexing backlog) and the durable append to the write-ahead log.
 */
package dev.corral.server.ingest;
