/**
 * The server's durable state as services: the data directory lock, the store, the write-ahead log
 * feeding it, and the replay of the log into the store at start-up.
 */
package dev.corral.server.storage;
