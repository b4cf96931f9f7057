/**
 * The server's durable state as services: the data directory lock, the store, the write-ahead log
 * with its named consumers (the ingest-rate meter and live tails pushed each durable batch, the
 * indexer whose cursor is the store's checkpoint; followers attach to {@code WalService.log()}),
 * and the replay of the log into the store at start-up.
 */
package dev.corral.server.storage;
