/**
 * The Kafka input: a consumer in a consumer group reads the configured topics, decodes each record (NDJSON events
 * or raw lines, with the HTTP inputs' own decoders), stamps every event with {@code kafka.topic},
 * {@code kafka.partition} and {@code kafka.offset}, and writes each partition's records through the ingest sink as
 * WAL records that carry their origin. Offsets are committed to Kafka only once the WAL holds the records (and the
 * store has taken them, when a store gates commits), and a partition is resumed where the local WAL ends when
 * Kafka's committed offset is behind: no loss and no duplicate across kill -9. See docs/scale-out.md.
 */
package dev.corral.server.inputs.kafka;
